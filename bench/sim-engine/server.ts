// HTTP routing for one simulated engine: the Engine API v1.41 subset a console's fleet code uses.
import { eventFilter, filterContainers, HttpError, parseFilters, parseListOptions } from "./filters";
import { inspect, listJson, statsJson } from "./shapes";
import { API_VERSION, COMMON_HEADERS, info, VERSION_JSON } from "./system";
import { nowNs, parseEventTime } from "./time";
import type { Subscriber } from "./events";
import type { SimEngine } from "./lifecycle";
import type { IncomingMessage, ServerResponse } from "node:http";

/** A client that stops reading gets cut off instead of growing our heap without bound. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

const JSON_HEADERS = { ...COMMON_HEADERS, "Content-Type": "application/json" };
const PING_HEADERS = {
  ...COMMON_HEADERS,
  "Cache-Control": "no-cache, no-store, must-revalidate",
  Pragma: "no-cache",
  "Content-Type": "text/plain; charset=utf-8",
};

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = JSON_HEADERS,
): void {
  res.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, message: string): void {
  send(res, status, `${JSON.stringify({ message })}\n`);
}

/** "/v1.41/x" → "/x"; the engine rejects versions newer than its own and older than 1.12. */
function stripVersion(path: string): string {
  const m = /^\/v(\d+)\.(\d+)(\/.*)$/.exec(path);
  if (!m) return path;
  const v = Number(m[1]) * 1000 + Number(m[2]);
  if (v > 1041)
    throw new HttpError(
      400,
      `client version ${m[1]}.${m[2]} is too new. Maximum supported API version is ${API_VERSION}`,
    );
  if (v < 1012)
    throw new HttpError(
      400,
      `client version ${m[1]}.${m[2]} is too old. Minimum supported API version is 1.12, please upgrade your client to a newer version`,
    );
  return m[3];
}

export function createHandler(engine: SimEngine): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    try {
      route(engine, req, res);
    } catch (err) {
      if (res.headersSent) res.destroy();
      else if (err instanceof HttpError) sendError(res, err.status, err.message);
      else sendError(res, 500, (err as Error).message);
    }
  };
}

function route(engine: SimEngine, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = stripVersion(q < 0 ? url : url.slice(0, q));
  const query = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
  const method = req.method ?? "GET";
  const isGet = method === "GET" || method === "HEAD";

  if (path === "/_ping" && isGet) return send(res, 200, method === "HEAD" ? "" : "OK", PING_HEADERS);
  if (path === "/version" && method === "GET") return send(res, 200, `${VERSION_JSON}\n`);
  if (path === "/info" && method === "GET")
    return send(res, 200, `${JSON.stringify(info(engine.state, engine.bus.subscribers.size, nowNs()))}\n`);
  if (path === "/containers/json" && method === "GET") {
    const opts = parseListOptions(query);
    const newestFirst = engine.state.containers.slice().reverse();
    return send(res, 200, `${listJson(engine.state, filterContainers(newestFirst, opts), nowNs())}\n`);
  }
  const m = /^\/containers\/([^/]+)\/json$/.exec(path);
  if (m && method === "GET") {
    const ref = decodeURIComponent(m[1]);
    const c = engine.state.find(ref);
    if (c === "ambiguous") return sendError(res, 500, `Multiple IDs found with provided prefix: ${ref}`);
    if (!c) return sendError(res, 404, `No such container: ${ref}`);
    return send(res, 200, `${JSON.stringify(inspect(engine.state, c))}\n`);
  }
  const st = /^\/containers\/([^/]+)\/stats$/.exec(path);
  if (st && method === "GET") {
    // Only the one-shot form: a stats stream per container is what the collector avoids (docs/metrics.md).
    if (query.get("stream") !== "false" && query.get("stream") !== "0")
      return sendError(res, 400, "the simulator answers stats with stream=false only");
    const c = engine.state.find(decodeURIComponent(st[1]));
    if (c === "ambiguous") return sendError(res, 500, `Multiple IDs found with provided prefix: ${st[1]}`);
    if (!c) return sendError(res, 404, `No such container: ${decodeURIComponent(st[1])}`);
    return send(res, 200, statsJson(c, nowNs()));
  }
  if (path === "/events" && method === "GET") return events(engine, query, res);
  sendError(res, 404, "page not found");
}

/** GET /events: replay from the ring, then stream live until `until` or the client hangs up. */
function events(engine: SimEngine, query: URLSearchParams, res: ServerResponse): void {
  const since = parseEventTime(query.get("since"));
  const until = parseEventTime(query.get("until"));
  if (until !== null && until < (since ?? 0n)) {
    throw new HttpError(
      400,
      `\`since\` time (${query.get("since")}) cannot be after \`until\` time (${query.get("until")})`,
    );
  }
  const filter = eventFilter(parseFilters(query.get("filters")));
  // No Content-Length: Node sends chunked, and the engine flushes headers before any event.
  res.writeHead(200, JSON_HEADERS);
  res.flushHeaders();
  const buffered = engine.bus.replay(since, until, filter);
  if (buffered) res.write(buffered);
  const now = nowNs();
  if (until !== null && until <= now) {
    res.end();
    return;
  }
  const sub: Subscriber = {
    filter,
    write(line) {
      if (res.writableEnded || res.destroyed) return;
      res.write(line);
      if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
    },
  };
  engine.bus.subscribers.add(sub);
  const done = () => {
    engine.bus.subscribers.delete(sub);
    clearTimeout(timer);
  };
  const timer =
    until === null
      ? undefined
      : setTimeout(() => (done(), res.end()), Number((until - now) / 1_000_000n) + 1);
  // Not req "close": since Node 16 that fires once the request is read, not when the client leaves.
  res.on("close", done);
}
