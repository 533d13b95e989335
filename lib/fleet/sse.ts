import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { everyStreamPeriod } from "@/lib/auth/live-streams";
import type { FleetBatch } from "@/lib/fleet/bus";
import { canSeeContainer, sharingKey, type ViewerScope } from "@/lib/fleet/scope";
import { getFleet } from "@/lib/fleet/service";
import type { FleetStore } from "@/lib/fleet/store";
import { viewerScope } from "@/lib/fleet/viewer-scope";
import { instruments } from "@/lib/metrics/instruments";
import type { HostChange, StreamAccess } from "@/lib/validations/fleet-views";

export const HEARTBEAT_MS = 15_000;
/** Least gap between two `counters` frames of one stream (a lone change is still sent at once). */
export const COUNTERS_GAP_MS = 200;

const seesHost = (scope: ViewerScope, hostId: string) => scope.all || scope.hostTenants.has(hostId);

function hostChanges(store: FleetStore, scope: ViewerScope, ids: Iterable<string>): HostChange[] {
  const out: HostChange[] = [];
  for (const id of ids) {
    if (!seesHost(scope, id)) continue;
    const h = store.hosts.get(id);
    out.push(
      h
        ? {
            id,
            name: h.name,
            status: h.status,
            counts: store.hostCounts(h, scope.all ? undefined : (scope.hostTenants.get(id) ?? [])),
          }
        : { id, removed: true },
    );
  }
  return out;
}

const encoder = new TextEncoder();
const frame = (name: string, data: string) => encoder.encode(`event: ${name}\ndata: ${data}\n\n`);
const countersKey = (c: ReturnType<FleetStore["counters"]>) =>
  JSON.stringify([c.containers, c.hosts, c.staleSince]);

export type StreamOptions = {
  /** Send `containers` events (pages that show container rows). Without it: hello, counters, hosts, resync only. */
  containers: boolean;
  /** The tenant context the stream was opened with: kept when the scope is recomputed (a lost membership ends it). */
  tenantId?: string;
  /** The viewer's rights, told in `hello`: a client that reconnected during an access change still learns of it. */
  access: StreamAccess;
};

/**
 * Where a stream's bytes go (the HTTP response) and how it ends. `cork`/`uncork` (optional) hold the writes of one
 * batch and send them together: one `writev` per stream per batch instead of one `write` per frame.
 */
export type StreamSink = { write(bytes: Uint8Array): void; end(): void; cork?(): void; uncork?(): void };

/**
 * One viewer's event stream. Events: `hello` (counters and hosts), `containers` (array of changes, only when asked
 * for), `counters`, `hosts`, `resync` (refetch lists: too many changes at once, or the viewer's grants changed).
 * Every change is filtered with canSeeContainer for this viewer; counters are the viewer's own. Streams with the
 * same scope get the same bytes: everything (admin/ops), or one tenant (the tenant context, or a one-tenant member),
 * so those are filtered and encoded once per batch per scope and shared (`sharingKey`).
 * `reauthenticate` runs every STREAM_RECHECK_MS (lib/auth/live-streams.ts, like every other stream's check): when
 * it throws (session revoked, user disabled) the stream ends.
 * Returns the function that closes the stream (call it when the client goes away).
 */
export function openFleetStream(
  sink: StreamSink,
  reauthenticate: () => Promise<Actor>,
  initialScope: ViewerScope,
  options: StreamOptions,
): () => void {
  const { store, bus } = getFleet();
  let scope = initialScope;
  let closed = false;
  const clients = instruments().sseClients;
  clients.inc();
  const send = (bytes: Uint8Array) => {
    if (!closed) sink.write(bytes);
  };
  const event = (name: string, data: string) => send(frame(name, data));
  let lastCounters = "";
  let countersAt = 0;
  let countersTimer: NodeJS.Timeout | null = null;
  // At most one `counters` frame per COUNTERS_GAP_MS: during a burst the numbers change with nearly every batch
  // and every stream (the header on every page) would get ~50 frames/s. The first change after a quiet gap goes
  // out at once; later ones collapse into one trailing frame with the latest numbers.
  const sendCounters = (batch?: FleetBatch) => {
    const wait = countersAt + COUNTERS_GAP_MS - performance.now();
    if (wait > 0) {
      countersTimer ??= setTimeout(() => ((countersTimer = null), sendCounters()), wait);
      return;
    }
    const compute = () => {
      const c = store.counters(scope);
      return { key: countersKey(c), json: JSON.stringify(c) };
    };
    const share = batch && sharingKey(scope);
    const { key, json } = share ? batch.shared(`${share}:counters`, compute) : compute();
    if (key === lastCounters) return;
    send(
      share
        ? batch.shared(`${share}:counters:bytes`, () => frame("counters", json))
        : frame("counters", json),
    );
    lastCounters = key;
    countersAt = performance.now();
  };

  send(encoder.encode("retry: 2000\n\n"));
  const counters = store.counters(scope);
  lastCounters = countersKey(counters);
  const hosts = hostChanges(store, scope, store.hosts.keys());
  event("hello", JSON.stringify({ counters, hosts, access: options.access }));

  const onBatch = (batch: FleetBatch) => {
    if (batch.scopeChanged) void refreshScope(true);
    // The batch's frames (containers, hosts, counters) leave in one syscall: with 1,000 streams the write
    // syscalls were most of the fan-out's CPU (docs/scale.md, round 5).
    sink.cork?.();
    try {
      sendBatch(batch);
    } finally {
      sink.uncork?.();
    }
  };
  const sendBatch = (batch: FleetBatch) => {
    const share = sharingKey(scope);
    // One frame per batch for this scope: shared between streams with the same scope, else made for this one.
    const sendOnce = (name: string, make: () => Uint8Array | null) => {
      const bytes = share ? batch.shared(`${share}:${name}`, make) : make();
      if (bytes) send(bytes);
    };
    if (batch.resync) send(batch.shared("resync", () => frame("resync", "{}")));
    else if (options.containers && batch.changes.length)
      sendOnce("containers", () => {
        if (scope.all) return frame("containers", `[${batch.allPayload()}]`);
        const payload = batch.changes
          .filter((c) => canSeeContainer(scope, c))
          .map((c) => c.payload)
          .join(",");
        return payload ? frame("containers", `[${payload}]`) : null;
      });
    if (batch.hostIds.length)
      sendOnce("hosts", () => {
        const hosts = hostChanges(store, scope, batch.hostIds);
        return hosts.length ? frame("hosts", JSON.stringify(hosts)) : null;
      });
    sendCounters(batch);
  };
  const unsubscribe = bus.subscribe(onBatch);

  const refreshScope = async (announce: boolean) => {
    try {
      scope = await viewerScope(await reauthenticate(), options.tenantId);
      if (announce) event("resync", "{}");
      sendCounters();
    } catch {
      close();
    }
  };
  const heartbeat = setInterval(() => send(encoder.encode(`: ${Date.now()}\n\n`)), HEARTBEAT_MS);
  const stopRechecks = everyStreamPeriod(() => void refreshScope(false));

  const close = () => {
    if (closed) return;
    closed = true;
    clients.dec();
    unsubscribe();
    clearInterval(heartbeat);
    stopRechecks();
    if (countersTimer) clearTimeout(countersTimer);
    sink.end();
  };
  return close;
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform keeps compression from buffering the stream; proxies are asked not to buffer either.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};
