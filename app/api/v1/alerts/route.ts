import { readQuery, withAuth } from "@/lib/api/with-auth";
import { listAlerts } from "@/lib/services/alerts";
import { AlertListQuery } from "@/lib/validations/alerts";

export const GET = withAuth(async ({ req, actor }) => ({
  items: await listAlerts(actor, readQuery(req, AlertListQuery)),
}));
