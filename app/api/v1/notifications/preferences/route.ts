import { readJson, withAuth } from "@/lib/api/with-auth";
import { notificationPreferences, saveNotificationPreferences } from "@/lib/services/notifications";
import { NotificationPreferenceInput } from "@/lib/validations/alerts";

export const GET = withAuth(async ({ actor }) => notificationPreferences(actor));

export const PUT = withAuth(async ({ req, actor }) =>
  saveNotificationPreferences(actor, NotificationPreferenceInput.parse(await readJson(req))),
);
