import { NotificationsView } from "@/components/alerts/notifications-view";
import { requireActor } from "@/lib/auth/current";
import { listTenants } from "@/lib/services/tenants";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await requireActor();
  const tenants = (await listTenants(actor)).map((t) => ({ id: t.id, name: t.name }));
  return <NotificationsView tenants={tenants} />;
}
