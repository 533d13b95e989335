import "server-only";
import { forbidden, notFound } from "@/lib/api/errors";
import { isAdmin, seesEverything, type Actor } from "@/lib/auth/actor";
import { requireTenantRole, scopedTenantIds } from "@/lib/authz";

// Who may see and change alert rules, alerts and channels. A tenant's: its members read, developers and owners
// write. Fleet-wide ones (tenantId null): admins and ops read and write rules and alerts; channels, whose targets
// pass the egress policy as an admin's, only admins write. Anyone else gets 404, as for a missing object.

export type Owned = { tenantId: string | null };

function requireAlertAccess(actor: Actor, o: Owned, write: boolean, what: string, adminsWrite = false) {
  if (o.tenantId) {
    requireTenantRole(actor, o.tenantId, write ? "developer" : "viewer", what);
    return;
  }
  if (!seesEverything(actor)) throw notFound(what);
  if (write && adminsWrite && !isAdmin(actor))
    throw forbidden(`Only admins change fleet-wide ${what.toLowerCase()}s`);
}

/** The row `find` gives for `id`, once the actor may read (or write) it: a missing one is a 404 too. */
export async function loadOwned<T extends Owned>(
  find: (id: string) => PromiseLike<T | null>,
  actor: Actor,
  id: string,
  write: boolean,
  what: string,
  adminsWrite = false,
): Promise<T> {
  const o = await find(id);
  if (!o) throw notFound(what);
  requireAlertAccess(actor, o, write, what, adminsWrite);
  return o;
}

/** For creation: a tenant's object needs developer there; a fleet-wide one needs admin or ops (or admin). */
export function requireCreate(actor: Actor, tenantId: string | null, what: string, adminsWrite = false) {
  if (tenantId) return void requireTenantRole(actor, tenantId, "developer", "Tenant");
  if (adminsWrite ? !isAdmin(actor) : !seesEverything(actor))
    throw forbidden(
      `Fleet-wide ${what.toLowerCase()}s are for ${adminsWrite ? "admins" : "admins and ops"}`,
      {
        tenantId: "choose one of your tenants",
      },
    );
}

/**
 * The rows a list shows: the tenants in the console's context, and, for admins and ops with no tenant chosen,
 * the fleet-wide ones too.
 */
export async function ownedWhere(actor: Actor, tenantId: string | undefined) {
  const ids = await scopedTenantIds(actor, tenantId);
  if (ids === null) return {};
  const fleetToo = seesEverything(actor) && !tenantId;
  return { OR: [{ tenantId: { in: ids } }, ...(fleetToo ? [{ tenantId: null }] : [])] };
}
