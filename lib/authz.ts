import "server-only";
import { forbidden, notFound, TenantRefusal } from "@/lib/api/errors";
import { isAdmin, seesEverything, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
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

export function tenantFilter(actor: Actor, ids = visibleTenantIds(actor)): { tenantId?: { in: string[] } } {
  return ids ? { tenantId: { in: ids } } : {};
}

/**
 * The tenants a list shows in the console's tenant context (`?tenantId=`): the caller's visible tenants, narrowed to
 * `tenantId` when given, never widened. A tenant the caller cannot see is a 404 (a member of other tenants learns
 * nothing), and so is one that does not exist, for admins and ops too. null = every tenant.
 */
export async function scopedTenantIds(actor: Actor, tenantId: string | undefined): Promise<string[] | null> {
  if (!tenantId) return visibleTenantIds(actor);
  requireTenantRole(actor, tenantId, "viewer", "Tenant");
  if (seesEverything(actor) && !(await tenantExists(tenantId)))
    throw new TenantRefusal(notFound("Tenant"), tenantId);
  return [tenantId];
}

/** Whether the tenant's row is there: the role checks pass an admin (or ops) for any id, so a service asks this. */
export async function tenantExists(tenantId: string): Promise<boolean> {
  return !!(await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }));
}

/** 404 "Tenant not found" unless the tenant's row is there. */
export async function requireTenantExists(tenantId: string): Promise<void> {
  if (!(await tenantExists(tenantId))) throw notFound("Tenant");
}
