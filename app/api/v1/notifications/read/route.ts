import { readJson, withAuth } from "@/lib/api/with-auth";
import { markNotificationsRead } from "@/lib/services/notifications";
import { NotificationReadInput } from "@/lib/validations/alerts";

export const POST = withAuth(async ({ req, actor }) =>
  markNotificationsRead(actor, NotificationReadInput.parse(await readJson(req))),
);
