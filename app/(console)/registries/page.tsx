import { requireActor } from "@/lib/auth/current";
import { listTenants } from "@/lib/services/tenants";
import { roleAtLeast } from "@/lib/validations/roles";
import { RegistriesView } from "./registries-view";

export const metadata = { title: "Registries" };

export default async function RegistriesPage() {
  const actor = await requireActor();
  const tenants = await listTenants(actor);
  const writable = tenants
    .filter((t) => roleAtLeast(t.role, "developer"))
    .map((t) => ({ id: t.id, name: t.name }));
  return <RegistriesView writableTenants={writable} />;
}
