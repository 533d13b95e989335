import "server-only";
import { forbidden, notFound, TenantRefusal } from "@/lib/api/errors";
import { isAdmin, seesEverything, type Actor } from "@/lib/auth/actor";
import { roleAtLeast, type TenantRole } from "@/lib/validations/roles";

/**
 * Tenant-level authorization, called by the service function that touches the object.
 * Admins act as owners everywhere; ops read everything. Non-members get 404, exactly as if the
 * tenant (and whatever was asked for inside it) did not exist.
 */
export function tenantRole(actor: Actor, tenantId: string): TenantRole | null {
  if (isAdmin(actor)) return "owner";
  return actor.memberships.get(tenantId) ?? (actor.globalRole === "ops" ? "viewer" : null);
}

export function requireTenantRole(
  actor: Actor,
  tenantId: string,
  min: TenantRole,
  what = "Resource",
): TenantRole {
  const role = tenantRole(actor, tenantId);
  if (!role) throw new TenantRefusal(notFound(what), tenantId);
  if (!roleAtLeast(role, min))
    throw new TenantRefusal(
      forbidden(`Your role in this tenant (${role}) cannot do this; it needs ${min} or above`),
      tenantId,
    );
  return role;
}

/** null = every tenant (admin and ops). */
export function visibleTenantIds(actor: Actor): string[] | null {
  return seesEverything(actor) ? null : [...actor.memberships.keys()];
}

export function tenantFilter(actor: Actor): { tenantId?: { in: string[] } } {
  const ids = visibleTenantIds(actor);
  return ids ? { tenantId: { in: ids } } : {};
}
