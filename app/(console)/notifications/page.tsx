import { requireActor } from "@/lib/auth/current";
import { listTenants } from "@/lib/services/tenants";
import { NotificationsView } from "./notifications-view";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await requireActor();
  const tenants = (await listTenants(actor)).map((t) => ({ id: t.id, name: t.name }));
  return <NotificationsView tenants={tenants} />;
}
