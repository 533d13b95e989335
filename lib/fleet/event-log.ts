import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import type { EngineEvent } from "@/lib/docker/events";
import { APP_LABEL } from "@/lib/docker/labels";
import { ownedWharfLabels } from "@/lib/docker/owned-labels";
import { stateChangeOf, type StateChange } from "@/lib/fleet/state-change";

type Pending = StateChange & {
  at: Date;
  hostId: string;
  containerId: string;
  name: string;
  appLabel?: string;
};

const FLUSH_MS = 500;
const PRUNE_EVERY_MS = 3600_000;
const DAY_MS = 24 * 3600_000;

/**
 * Keeps the state changes the followers see in FleetEvent, beyond the engine's 256-event buffer. Events are queued
 * and written in batches (a crash loop across a host is one transaction every FLUSH_MS, not one per event); a
 * reconnect replays events already stored, which the unique key drops.
 */
class EventLog {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pruner: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  note(hostId: string, e: EngineEvent) {
    const change = stateChangeOf(e);
    if (!change) return;
    const name = e.Actor.Attributes?.name ?? e.Actor.ID.slice(0, 12);
    this.queue.push({
      ...change,
      at: new Date(Math.floor((e.timeNano ?? e.time * 1e9) / 1e6)),
      hostId,
      containerId: e.Actor.ID,
      name,
      // Believed only with a valid owner proof; the tenant then comes from the App row, not from a label.
      appLabel: ownedWharfLabels(name, e.Actor.Attributes)[APP_LABEL],
    });
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is queued; resolves once it is stored (tests and shutdown call it). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.flushing
      .then(() => (batch.length ? write(batch) : undefined))
      .catch((err) => {
        console.error(`[wharf] events: could not store ${batch.length} event(s): ${String(err)}`);
      });
    return this.flushing;
  }

  startPruning() {
    if (this.pruner) return;
    void pruneEvents();
    this.pruner = setInterval(() => void pruneEvents(), PRUNE_EVERY_MS);
    this.pruner.unref();
  }
}

async function write(batch: Pending[]) {
  const appIds = [...new Set(batch.flatMap((p) => (p.appLabel ? [p.appLabel] : [])))];
  const apps = appIds.length
    ? await db.app.findMany({
        where: { id: { in: appIds } },
        select: { id: true, project: { select: { tenantId: true } } },
      })
    : [];
  const tenantOf = new Map(apps.map((a) => [a.id, a.project.tenantId]));
  await db.$transaction(
    batch.map((p) => {
      const appId = p.appLabel && tenantOf.has(p.appLabel) ? p.appLabel : null;
      const key = { hostId: p.hostId, containerId: p.containerId, type: p.type, at: p.at };
      return db.fleetEvent.upsert({
        where: { hostId_containerId_type_at: key },
        create: {
          ...key,
          tenantId: appId ? tenantOf.get(appId)! : null,
          appId,
          containerName: p.name,
          exitCode: p.exitCode,
        },
        update: {},
      });
    }),
  );
}

/** Drops events older than the retention (WHARF_EVENTS_RETENTION_DAYS). */
export async function pruneEvents(now = Date.now()) {
  const { count } = await db.fleetEvent.deleteMany({
    where: { at: { lt: new Date(now - config.eventsRetentionDays * DAY_MS) } },
  });
  return count;
}

declare global {
  var wharfEventLog: EventLog | undefined;
}
/** One log per process, shared by every follower (route handlers and the start-up hook are bundled apart). */
export const eventLog = (globalThis.wharfEventLog ??= new EventLog());
