import { withAuth } from "@/lib/api/with-auth";
import { unreadNotifications } from "@/lib/services/notifications";

export const GET = withAuth(async ({ actor }) => unreadNotifications(actor));
