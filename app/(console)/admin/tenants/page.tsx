import { requireActor } from "@/lib/auth/current";
import { tenantKeys } from "@/lib/client/hooks/use-tenants";
import { listTenants } from "@/lib/services/tenants";
import { TenantsView } from "./tenants-view";
import { Prefetched } from "../../prefetched";

export const metadata = { title: "Tenants" };

export default async function TenantsPage() {
  const actor = await requireActor({ globalRole: "admin" });
  return (
    <Prefetched seeds={[{ queryKey: tenantKeys.all, load: () => listTenants(actor) }]}>
      <TenantsView />
    </Prefetched>
  );
}
