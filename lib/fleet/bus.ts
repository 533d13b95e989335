import { viewJson } from "@/lib/fleet/entry";
import type { Entry, StoreSink } from "@/lib/fleet/store";

/** Gap after a flush during which further changes are batched: bursts coalesce, a lone event goes out at once. */
export const COALESCE_MS = 20;
/** The widest gap, with many streams open: each batch costs one socket write per stream (docs/scale.md, round 5). */
export const COALESCE_MAX_MS = 30;
const FEW_STREAMS = 250;
const MANY_STREAMS = 1_000;

/**
 * The batch window for this many listeners (open streams): COALESCE_MS up to FEW_STREAMS, growing linearly to
 * COALESCE_MAX_MS at MANY_STREAMS. With 1,000 streams at 1,000 ev/s, 20 ms meant 50 batches a second, i.e.
 * 50,000 socket writes; 30 ms makes it 33,000 for ~5 ms more latency on average.
 */
export function coalesceMs(listeners: number): number {
  const f = Math.min(1, Math.max(0, (listeners - FEW_STREAMS) / (MANY_STREAMS - FEW_STREAMS)));
  return COALESCE_MS + f * (COALESCE_MAX_MS - COALESCE_MS);
}
/** Above this many container changes in one batch, clients are told to refetch instead of receiving every row. */
export const RESYNC_THRESHOLD = 1_000;

export type PublishedChange = { hostId: string; labels: Record<string, string>; payload: string };
export type FleetBatch = {
  changes: PublishedChange[];
  hostIds: string[];
  resync: boolean;
  scopeChanged: boolean;
  /** The joined payloads for viewers who see everything, built once per batch. */
  allPayload(): string;
  /** Computes a value once per batch and shares it between streams (e.g. the encoded bytes for admin/ops). */
  shared<T>(key: string, make: () => T): T;
};
type Listener = (batch: FleetBatch) => void;

/**
 * Collects what the store reports and publishes it in batches: the first change after a quiet period is flushed on
 * the next turn of the event loop (no added latency), later ones within the window (coalesceMs) share one flush.
 */
export class FleetBus implements StoreSink {
  private pending = new Map<string, { entry: Entry; removed: boolean; t?: number }>();
  private hosts = new Set<string>();
  private scopeChanged = false;
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private readonly listeners = new Set<Listener>();

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  container(entry: Entry, removed: boolean, t?: number) {
    this.pending.set(`${entry.hostId}/${entry.id}`, { entry, removed, t });
    this.schedule();
  }

  host(hostId: string) {
    this.hosts.add(hostId);
    this.schedule();
  }

  /** Host grants changed: every stream recomputes its viewer's scope. */
  noteScopeChanged() {
    this.scopeChanged = true;
    this.schedule();
  }

  private schedule() {
    if (this.scheduled) return;
    const wait = this.lastFlush + coalesceMs(this.listeners.size) - performance.now();
    this.scheduled = wait <= 0 ? setImmediate(() => this.flush()) : setTimeout(() => this.flush(), wait);
  }

  private flush() {
    this.scheduled = null;
    this.lastFlush = performance.now();
    const pending = this.pending;
    const resync = pending.size > RESYNC_THRESHOLD;
    const changes: PublishedChange[] = [];
    if (!resync) {
      for (const { entry: e, removed, t } of pending.values()) {
        const tail = t === undefined ? "" : `,"t":${t}`;
        // JSON is read now, so several changes to one container within a batch send its latest state once.
        const payload = removed
          ? `{"op":"remove","id":${JSON.stringify(e.id)},"hostId":${JSON.stringify(e.hostId)}${tail}}`
          : `{"op":"upsert","c":${viewJson(e)}${tail}}`;
        changes.push({ hostId: e.hostId, labels: e.labels, payload });
      }
    }
    let all: string | null = null;
    const memo = new Map<string, unknown>();
    const batch: FleetBatch = {
      changes,
      hostIds: [...this.hosts],
      resync,
      scopeChanged: this.scopeChanged,
      allPayload: () => (all ??= changes.map((c) => c.payload).join(",")),
      shared: <T>(key: string, make: () => T): T => {
        if (!memo.has(key)) memo.set(key, make());
        return memo.get(key) as T;
      },
    };
    this.pending = new Map();
    this.hosts = new Set();
    this.scopeChanged = false;
    for (const fn of this.listeners) {
      try {
        fn(batch);
      } catch (err) {
        console.error("[wharf] fleet listener failed", err);
      }
    }
  }
}
