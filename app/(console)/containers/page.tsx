import { requireActor } from "@/lib/auth/current";
import { pageTenantId, type PageSearchParams } from "@/lib/auth/selected-tenant";
import { CONTAINER_FILTER_KEYS, CONTAINER_PAGE_SIZE, fleetKeys } from "@/lib/client/hooks/fleet-keys";
import { allAppsQuery } from "@/lib/client/hooks/use-apps";
import { hostKeys } from "@/lib/client/hooks/use-hosts";
import { projectKeys } from "@/lib/client/hooks/use-projects";
import { tenantKeys } from "@/lib/client/hooks/use-tenants";
import { listAllApps } from "@/lib/services/apps";
import { containerListJson } from "@/lib/services/container-list";
import { listHosts } from "@/lib/services/hosts";
import { listProjects } from "@/lib/services/projects";
import { listTenants } from "@/lib/services/tenants";
import { ContainerListQuery } from "@/lib/validations/fleet";
import { ContainerListPage } from "@/lib/validations/fleet-views";
import { Prefetched, pageFilters, type Seed } from "../prefetched";
import { ContainersView } from "./containers-view";

export const metadata = { title: "Containers" };

export default async function ContainersPage({ searchParams }: PageSearchParams) {
  const actor = await requireActor();
  const [filters, tenantId] = await Promise.all([
    pageFilters(searchParams, CONTAINER_FILTER_KEYS),
    pageTenantId(actor, searchParams),
  ]);
  // The table's first page, under the key ContainerTable reads (the URL's filters plus the tenant context).
  const params = { ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), tenantId };
  const query = ContainerListQuery.safeParse({ ...params, offset: 0, limit: CONTAINER_PAGE_SIZE });
  const firstPage: Seed[] = query.success
    ? [
        {
          queryKey: fleetKeys.containerPage(params, 0),
          load: async () => ContainerListPage.parse(JSON.parse(await containerListJson(actor, query.data))),
        },
      ]
    : [];
  return (
    <Prefetched
      seeds={[
        ...firstPage,
        // The filters' options and the rows' tenant, project and app names (useNameMaps, the host filter).
        { queryKey: hostKeys.list(tenantId), load: () => listHosts(actor, tenantId) },
        { queryKey: tenantKeys.all, load: () => listTenants(actor) },
        { queryKey: projectKeys.list(), load: () => listProjects(actor) },
        { queryKey: allAppsQuery().queryKey, load: () => listAllApps(actor) },
      ]}
    >
      <ContainersView seesEverything={actor.globalRole !== "none"} />
    </Prefetched>
  );
}
