import "server-only";
import { seesEverything, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { ViewerScope } from "@/lib/fleet/scope";

/** Builds the actor's container scope from their memberships and the host grants of those tenants. */
export async function viewerScope(actor: Actor): Promise<ViewerScope> {
  if (seesEverything(actor)) return { all: true };
  const tenantIds = new Set(actor.memberships.keys());
  const grants = await db.hostGrant.findMany({
    where: { tenantId: { in: [...tenantIds] } },
    select: { hostId: true, tenantId: true },
  });
  const hostTenants = new Map<string, Set<string>>();
  for (const g of grants)
    (hostTenants.get(g.hostId) ?? hostTenants.set(g.hostId, new Set()).get(g.hostId)!).add(g.tenantId);
  return { all: false, tenantIds, hostTenants };
}
