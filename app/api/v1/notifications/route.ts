import { readQuery, withAuth } from "@/lib/api/with-auth";
import { listNotifications } from "@/lib/services/notifications";
import { NotificationListQuery } from "@/lib/validations/alerts";

export const GET = withAuth(async ({ req, actor }) => ({
  items: await listNotifications(actor, readQuery(req, NotificationListQuery)),
}));
