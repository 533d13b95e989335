import "server-only";
import { authenticate } from "@/lib/api/with-auth";
import { canSeeContainer, type ViewerScope } from "@/lib/fleet/scope";
import { getFleet } from "@/lib/fleet/service";
import { viewerScope } from "@/lib/fleet/viewer-scope";
import type { FleetBatch } from "@/lib/fleet/bus";
import type { FleetStore } from "@/lib/fleet/store";
import type { HostStatusChange } from "@/lib/fleet/types";

export const HEARTBEAT_MS = 15_000;
/** How often an open stream re-checks its session (revoked, disabled) and the viewer's grants. */
export const RECHECK_MS = 30_000;

const seesHost = (scope: ViewerScope, hostId: string) => scope.all || scope.hostTenants.has(hostId);

function hostChanges(store: FleetStore, scope: ViewerScope, ids: Iterable<string>): (HostStatusChange | { id: string; removed: true })[] {
  const out: (HostStatusChange | { id: string; removed: true })[] = [];
  for (const id of ids) {
    if (!seesHost(scope, id)) continue;
    const h = store.hosts.get(id);
    out.push(h ? { id, name: h.name, status: h.status, counts: { ...h.counts } } : { id, removed: true });
  }
  return out;
}

/**
 * One viewer's event stream. Events: `hello` (counters and hosts), `containers` (array of changes), `counters`,
 * `hosts`, `resync` (refetch lists: too many changes at once, or the viewer's grants changed). Every change is
 * filtered with canSeeContainer for this viewer; counters are the viewer's own.
 */
export function openFleetStream(req: Request, initialScope: ViewerScope): Response {
  const { store, bus } = getFleet();
  let scope = initialScope;
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const event = (name: string, data: string) => send(`event: ${name}\ndata: ${data}\n\n`);
      const countersKey = (c: ReturnType<FleetStore["counters"]>) => JSON.stringify([c.containers, c.hosts, c.staleSince]);
      let lastCounters = "";
      const sendCounters = (force = false) => {
        const c = store.counters(scope);
        const key = countersKey(c);
        if (force || key !== lastCounters) event("counters", JSON.stringify(c));
        lastCounters = key;
      };

      send("retry: 2000\n\n");
      const counters = store.counters(scope);
      lastCounters = countersKey(counters);
      event("hello", JSON.stringify({ counters, hosts: hostChanges(store, scope, store.hosts.keys()) }));

      const onBatch = (batch: FleetBatch) => {
        if (batch.scopeChanged) void refreshScope(true);
        if (batch.resync) event("resync", "{}");
        else if (batch.changes.length) {
          const payload = scope.all ? batch.allPayload() : batch.changes.filter((c) => canSeeContainer(scope, c)).map((c) => c.payload).join(",");
          if (payload) event("containers", `[${payload}]`);
        }
        const hosts = hostChanges(store, scope, batch.hostIds);
        if (hosts.length) event("hosts", JSON.stringify(hosts));
        sendCounters();
      };
      const unsubscribe = bus.subscribe(onBatch);

      const refreshScope = async (announce: boolean) => {
        try {
          const fresh = await authenticate(req); // session revoked or user disabled: the stream ends
          scope = await viewerScope(fresh);
          if (announce) event("resync", "{}");
          sendCounters();
        } catch {
          cleanup();
        }
      };
      const heartbeat = setInterval(() => send(`: ${Date.now()}\n\n`), HEARTBEAT_MS);
      const recheck = setInterval(() => void refreshScope(false), RECHECK_MS);

      cleanup = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearInterval(recheck);
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      req.signal?.addEventListener("abort", () => cleanup());
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the stream; proxies are asked not to buffer either.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
