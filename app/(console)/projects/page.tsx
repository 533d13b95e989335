import { requireActor } from "@/lib/auth/current";
import { pageTenantId, type PageSearchParams } from "@/lib/auth/selected-tenant";
import { projectKeys } from "@/lib/client/hooks/use-projects";
import { listProjects } from "@/lib/services/projects";
import { listTenants } from "@/lib/services/tenants";
import { roleAtLeast } from "@/lib/validations/roles";
import { Prefetched } from "../prefetched";
import { ProjectsView } from "./projects-view";

export const metadata = { title: "Projects" };

export default async function ProjectsPage({ searchParams }: PageSearchParams) {
  const actor = await requireActor();
  const [tenants, tenantId] = await Promise.all([listTenants(actor), pageTenantId(actor, searchParams)]);
  const writable = tenants
    .filter((t) => roleAtLeast(t.role, "developer"))
    .map((t) => ({ id: t.id, name: t.name }));
  return (
    <Prefetched seeds={[{ queryKey: projectKeys.list(tenantId), load: () => listProjects(actor, tenantId) }]}>
      <ProjectsView writableTenants={writable} />
    </Prefetched>
  );
}
