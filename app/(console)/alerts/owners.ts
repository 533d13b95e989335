import "server-only";
import type { Owner } from "@/components/alerts/owner-select";
import { isAdmin, seesEverything, type Actor } from "@/lib/auth/actor";
import { listTenants } from "@/lib/services/tenants";
import { roleAtLeast } from "@/lib/validations/roles";

/**
 * For the alert pages' server shells: every tenant's name, and who new rules (admins and ops: also fleet-wide) and
 * channels (admins only fleet-wide) may belong to. The server checks again on every call.
 */
export async function alertOwners(actor: Actor) {
  const all = await listTenants(actor);
  const tenants = all.map((t) => ({ id: t.id, name: t.name }));
  const writable: Owner[] = all
    .filter((t) => roleAtLeast(t.role, "developer"))
    .map((t) => ({ id: t.id, name: t.name }));
  const fleet: Owner = { id: null, name: "Fleet-wide" };
  return {
    tenants,
    ruleOwners: seesEverything(actor) ? [fleet, ...writable] : writable,
    channelOwners: isAdmin(actor) ? [fleet, ...writable] : writable,
  };
}
