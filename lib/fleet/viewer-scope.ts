import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { scopedTenantIds } from "@/lib/authz";
import { db } from "@/lib/db";
import type { ViewerScope } from "@/lib/fleet/scope";

/**
 * Builds the actor's container scope from their memberships and the host grants of those tenants (Wharf's records,
 * never labels), narrowed to `tenantId` (the console's tenant context) when given: a tenant the actor cannot see is
 * a 404 (scopedTenantIds).
 */
export async function viewerScope(actor: Actor, tenantId?: string): Promise<ViewerScope> {
  const tenants = await scopedTenantIds(actor, tenantId);
  if (!tenants) return { all: true };
  const grants = await db.hostGrant.findMany({
    where: { tenantId: { in: tenants } },
    select: { hostId: true, tenantId: true },
  });
  const hostTenants = new Map<string, Set<string>>();
  for (const g of grants)
    (hostTenants.get(g.hostId) ?? hostTenants.set(g.hostId, new Set()).get(g.hostId)!).add(g.tenantId);
  return {
    all: false,
    tenantIds: new Set(tenants),
    hostTenants,
    ...(tenants.length === 1 ? { tenant: tenants[0] } : {}),
  };
}
