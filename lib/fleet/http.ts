import "server-only";
import { sendJson, serveDirect, type DirectRoute } from "@/lib/api/direct";
import { authenticate, readQuery } from "@/lib/api/with-auth";
import { streamAccess, type Actor } from "@/lib/auth/actor";
import { watchStream } from "@/lib/auth/live-streams";
import { getFleet } from "@/lib/fleet/service";
import { openFleetStream, SSE_HEADERS } from "@/lib/fleet/sse";
import { viewerScope } from "@/lib/fleet/viewer-scope";
import { containerListJson } from "@/lib/services/container-list";
import { TenantScopeQuery } from "@/lib/validations/common";
import { ContainerListQuery, StreamQuery } from "@/lib/validations/fleet";

/** A stream whose client reads slower than this much queued output is closed; EventSource reconnects and resyncs. */
const SLOW_CLIENT_BYTES = 4 << 20;

/**
 * A stream frame as one HTTP/1.1 chunk, written straight to the socket: `res.write` turns each frame into four
 * writes (size, CRLF, data, CRLF) corked until the next tick, which at 1,000 clients was most of the stream's CPU
 * and garbage. Frames shared by many streams are framed once (the map forgets them with the frame).
 */
const framedOnce = new WeakMap<Uint8Array, Buffer>();
function chunked(bytes: Uint8Array): Buffer {
  let framed = framedOnce.get(bytes);
  if (!framed)
    framedOnce.set(
      bytes,
      (framed = Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, CRLF])),
    );
  return framed;
}
const CRLF = Buffer.from("\r\n");

/** Any change of the rights ends the stream, and EventSource reconnects with the new ones. */
const accessKey = (a: Actor) => JSON.stringify(streamAccess(a));

/**
 * The fleet's read endpoints, answered from the fleet cache on node:http (see lib/api/direct.ts for why they are
 * not app/ routes). Documented in lib/openapi/operations/fleet.ts like every other endpoint.
 */
const fleetRoutes: Record<string, DirectRoute> = {
  /** Containers running/total and hosts up/total within what the caller may see. */
  "/api/v1/counters": async ({ req, actor, res }) => {
    const { tenantId } = readQuery(req, TenantScopeQuery);
    sendJson(res, 200, JSON.stringify(getFleet().store.counters(await viewerScope(actor, tenantId))));
  },

  /** Every container the caller may see, across hosts: paged, filtered, sorted (never asks the engines). */
  "/api/v1/containers": async ({ req, actor, res }) => {
    sendJson(res, 200, await containerListJson(actor, readQuery(req, ContainerListQuery)));
  },

  /**
   * Server-Sent Events: counters and host status within the caller's scope, plus container changes only when
   * asked for (`?containers=1`): the header on every page needs counters only, so most streams skip the heavy traffic.
   */
  "/api/v1/stream": async ({ req, actor, res }) => {
    const { containers, tenantId } = readQuery(req, StreamQuery);
    const scope = await viewerScope(actor, tenantId);
    res.writeHead(200, SSE_HEADERS);
    if (req.method === "HEAD") return void res.end();
    res.flushHeaders();
    const socket = res.socket;
    if (!socket || socket.destroyed) return; // the client left while we authenticated
    // Node chose the framing in writeHead: chunked for HTTP/1.1, else the body ends when the connection closes.
    const frame = res.chunkedEncoding ? chunked : (bytes: Uint8Array) => bytes;
    const close = openFleetStream(
      {
        write: (bytes) => {
          if (socket.writableLength > SLOW_CLIENT_BYTES) socket.destroy();
          else socket.write(frame(bytes));
        },
        end: () => res.end(),
        cork: () => socket.cork(),
        uncork: () => socket.uncork(),
      },
      () => authenticate(req),
      scope,
      { containers: containers === "1", tenantId, access: streamAccess(actor) },
    );
    // Access changes reach this stream at once (it also re-checks every 30 s itself): it ends with a reason, and
    // EventSource reconnects with the caller's new scope, or fails to when they were disabled.
    const unwatch = watchStream({
      userId: actor.id,
      periodic: false,
      check: async () => {
        const fresh = await authenticate(req);
        if (accessKey(fresh) !== accessKey(actor)) throw new Error("reconnect for the new scope");
      },
      close: (reason) => {
        if (!socket.destroyed)
          socket.write(frame(Buffer.from(`event: revoked\ndata: ${JSON.stringify({ reason })}\n\n`)));
        close();
      },
      end: close, // the server is stopping: EventSource reconnects through the balancer to another instance
    });
    res.on("close", () => {
      unwatch();
      close();
    });
  },
};

/** The paths answered here, for the request-latency histogram's route patterns (lib/metrics/http.ts). */
export const FLEET_ROUTE_PATHS = Object.keys(fleetRoutes);

/** server.ts hands every HTTP request here first (set by a start-up hook); false means "not ours: Next.js". */
export function registerFleetRoutes() {
  globalThis.wharfDirect = (req, res, toNext) => serveDirect(fleetRoutes, req, res, toNext);
}
