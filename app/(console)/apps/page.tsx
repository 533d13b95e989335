import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current";
import { pageTenantId, type PageSearchParams } from "@/lib/auth/selected-tenant";
import { allAppsQuery } from "@/lib/client/hooks/use-apps";
import { listAllApps } from "@/lib/services/apps";
import { Prefetched } from "../prefetched";
import { AppsView } from "./apps-view";

export default async function AppsPage({ searchParams }: PageSearchParams) {
  const actor = await requireActor();
  const tenantId = await pageTenantId(actor, searchParams);
  return (
    <>
      <PageHeader
        title="Apps"
        description="Every app in your tenants' projects. Create one from a project page."
      />
      <Prefetched
        seeds={[{ queryKey: allAppsQuery(tenantId).queryKey, load: () => listAllApps(actor, tenantId) }]}
      >
        <AppsView />
      </Prefetched>
    </>
  );
}
