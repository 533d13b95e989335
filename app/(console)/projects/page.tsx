import { requireActor } from "@/lib/auth/current";
import { listTenants } from "@/lib/services/tenants";
import { roleAtLeast } from "@/lib/validations/roles";
import { ProjectsView } from "./projects-view";

export const metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const actor = await requireActor();
  const tenants = await listTenants(actor);
  const writable = tenants
    .filter((t) => roleAtLeast(t.role, "developer"))
    .map((t) => ({ id: t.id, name: t.name }));
  return <ProjectsView writableTenants={writable} />;
}
