import "server-only";
import { invalid } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { scopedTenantIds, tenantFilter } from "@/lib/authz";
import { db } from "@/lib/db";
import { getFleet } from "@/lib/fleet/service";
import {
  FleetEventType,
  isWharfEvent,
  type FleetEventPage,
  type FleetEventQuery,
} from "@/lib/validations/fleet-events";

/** Events older than the cursor's (newest first: an earlier `at`, or the same `at` and a smaller id). */
function cursorFilter(cursor: string | undefined) {
  if (!cursor) return {};
  const cut = cursor.indexOf("_");
  const at = new Date(cursor.slice(0, cut));
  if (Number.isNaN(at.getTime()))
    throw invalid("cursor: not a cursor from an earlier page", { cursor: "invalid" });
  const id = cursor.slice(cut + 1);
  return { OR: [{ at: { lt: at } }, { at, id: { lt: id } }] };
}

/**
 * The timeline: the stored state changes (lib/fleet/event-log.ts) and Wharf's own events (lib/fleet/timeline.ts),
 * newest first, a page at a time (`cursor`). Admins and ops see every event; anyone else
 * only their tenants' apps' events (the tenant was resolved from the App row when stored). Another tenant asked
 * for by id answers 404, like a missing one.
 */
export async function listFleetEvents(actor: Actor, q: FleetEventQuery): Promise<FleetEventPage> {
  const tenants = await scopedTenantIds(actor, q.tenantId); // the tenant context narrows, never widens
  const rows = await db.fleetEvent.findMany({
    where: {
      AND: [
        tenantFilter(actor, tenants),
        q.types ? { type: { in: q.types } } : {},
        q.hostId ? { hostId: q.hostId } : {},
        q.appId ? { appId: q.appId } : {},
        q.containerId ? { containerId: q.containerId } : {},
        q.from || q.to
          ? { at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) } }
          : {},
        cursorFilter(q.cursor),
      ],
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: q.limit,
  });
  const [hosts, apps] = await Promise.all([
    db.host.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.hostId))] } },
      select: { id: true, name: true },
    }),
    db.app.findMany({
      where: { id: { in: [...new Set(rows.flatMap((r) => (r.appId ? [r.appId] : [])))] } },
      select: { id: true, name: true },
    }),
  ]);
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  const appName = new Map(apps.map((a) => [a.id, a.name]));
  const store = getFleet().store;
  return {
    items: rows.map((r) => {
      const type = FleetEventType.parse(r.type);
      return {
        id: r.id,
        at: r.at.toISOString(),
        type,
        exitCode: r.exitCode,
        hostId: r.hostId,
        hostName: hostName.get(r.hostId) ?? null,
        tenantId: r.tenantId,
        appId: r.appId,
        appName: r.appId ? (appName.get(r.appId) ?? null) : null,
        containerId: r.containerId,
        containerName: r.containerName,
        detail: r.detail,
        exists: !isWharfEvent(type) && !!store.get(r.hostId, r.containerId),
        cursor: `${r.at.toISOString()}_${r.id}`,
      };
    }),
  };
}
