import "server-only";
import { ApiError, errorBody, toApiError } from "@/lib/api/errors";
import { holdUnsizedBody, refuseOversizedBody, requestFromNode, type RequestHead } from "@/lib/api/request";
import { authenticate } from "@/lib/api/with-auth";
import type { Actor } from "@/lib/auth/actor";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * A GET (and HEAD) endpoint answered on node:http before Next.js routing. Only for the few read paths every open console
 * calls constantly and that are served from memory: Next's routing costs ~1 ms of CPU per request, which capped
 * `GET /counters` at ~800 req/s on 2 cores, and its web-stream pipe made every SSE frame cost more per client
 * (docs/scale.md). Same `authenticate`, same zod validation, same error shape as `withAuth` routes.
 */
export type DirectRoute = (args: {
  req: RequestHead;
  actor: Actor;
  res: ServerResponse;
}) => Promise<void> | void;

export function sendJson(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

const sendError = (res: ServerResponse, e: ApiError) => sendJson(res, e.status, JSON.stringify(errorBody(e)));

/**
 * Sees every HTTP request first (server.ts): refuses a body over its route's limit before anything reads it (a body of
 * unknown length is held until it proves within the limit), then serves `node` when its path is one of `routes`;
 * anything else goes to Next.js through `toNext`. True when `node` is taken care of here (`toNext` may be called
 * later), false when the caller should hand it to Next.js now.
 */
export function serveDirect(
  routes: Record<string, DirectRoute>,
  node: IncomingMessage,
  res: ServerResponse,
  toNext: () => void,
): boolean {
  if (refuseOversizedBody(node, res)) return true;
  if (holdUnsizedBody(node, res, () => serveRoute(routes, node, res) || toNext())) return true;
  return serveRoute(routes, node, res);
}

function serveRoute(
  routes: Record<string, DirectRoute>,
  node: IncomingMessage,
  res: ServerResponse,
): boolean {
  const url = node.url ?? "/";
  const q = url.indexOf("?");
  const route = routes[q < 0 ? url : url.slice(0, q)];
  if (!route) return false;
  // HEAD runs the same route: node:http sends the headers (content-length included) and drops the body.
  if (node.method !== "GET" && node.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    sendError(res, new ApiError(405, "method_not_allowed", `${node.method} is not allowed here; use GET`));
    return true;
  }
  const req = requestFromNode(node);
  void (async () => {
    try {
      await route({ req, actor: await authenticate(req), res });
    } catch (err) {
      if (res.headersSent) res.destroy();
      else sendError(res, toApiError(err));
    }
  })();
  return true;
}
