import { requireActor } from "@/lib/auth/current";
import { HostsView } from "./hosts-view";

export const metadata = { title: "Hosts" };

/** Everyone may open it; the API lists only the hosts the viewer may see (members: hosts granted to their tenants). */
export default async function HostsPage() {
  const actor = await requireActor();
  return <HostsView isAdmin={actor.globalRole === "admin"} />;
}
