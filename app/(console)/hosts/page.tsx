import { requireActor } from "@/lib/auth/current";
import { pageTenantId, type PageSearchParams } from "@/lib/auth/selected-tenant";
import { hostKeys } from "@/lib/client/hooks/use-hosts";
import { listHosts } from "@/lib/services/hosts";
import { Prefetched } from "../prefetched";
import { HostsView } from "./hosts-view";

export const metadata = { title: "Hosts" };

/** Everyone may open it; the API lists only the hosts the viewer may see (members: hosts granted to their tenants). */
export default async function HostsPage({ searchParams }: PageSearchParams) {
  const actor = await requireActor();
  const tenantId = await pageTenantId(actor, searchParams);
  return (
    <Prefetched seeds={[{ queryKey: hostKeys.list(tenantId), load: () => listHosts(actor, tenantId) }]}>
      <HostsView isAdmin={actor.globalRole === "admin"} />
    </Prefetched>
  );
}
