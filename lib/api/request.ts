import "server-only";
import { bodyLimitFor } from "@/lib/api/body-limits";
import { holdChunkedBody } from "@/lib/api/chunked-body";
import { ApiError } from "@/lib/api/errors";
import { clientIpFrom, peerOf, trustedProxies, type HeaderReader } from "@/lib/auth/client-address";
import { config } from "@/lib/config";
import type { IncomingMessage, ServerResponse } from "node:http";

/** Forwarding headers count only when the peer is a trusted proxy. */
const forwarded = (headers: HeaderReader, name: string) =>
  trustedProxies().has(peerOf(headers)) ? headers.get(name) : null;

/**
 * What authentication, origin checks and query parsing read from a request: a Fetch `Request` has it, and so does
 * `requestFromNode`'s view of a Node request.
 */
export type RequestHead = { readonly url: string; readonly method: string; readonly headers: HeaderReader };

/**
 * A Node request seen as a RequestHead (WebSocket upgrades, direct routes), so the ordinary `authenticate` and
 * `isSameOrigin` apply. The peer address is taken from the socket (server.ts does the same for requests Next.js
 * serves), whatever a client sent in that header. GET or HEAD only (no body). Not a Fetch `Request`: building one
 * (Headers copied one by one, URL, AbortSignal) was ~60 us of CPU per `GET /counters` (docs/scale.md, round 5).
 */
export function requestFromNode(req: IncomingMessage): RequestHead {
  const peer = req.socket.remoteAddress ?? "";
  const raw = req.headers;
  return {
    url: `http://${raw.host ?? "localhost"}${req.url ?? "/"}`,
    method: req.method === "HEAD" ? "HEAD" : "GET",
    headers: {
      // Node lower-cases header names and joins repeated ones (cookies with "; ", others with ", ").
      get(name: string) {
        const key = name.toLowerCase();
        if (key === "x-wharf-remote-addr") return peer;
        const value = raw[key];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    },
  };
}

/** The client's address: the socket peer, or what a trusted proxy says in X-Forwarded-For. */
export const clientIp = (req: RequestHead) => clientIpFrom(req.headers);

export function isHttps(req: RequestHead): boolean {
  const proto = forwarded(req.headers, "x-forwarded-proto");
  return proto ? proto.split(",")[0].trim() === "https" : new URL(req.url).protocol === "https:";
}

export function readCookie(req: RequestHead, name: string): string | undefined {
  const header = req.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * CSRF defence for cookie-authenticated mutations: the browser's Origin must be this server's own
 * (or a configured trusted origin). A missing Origin, `null`, or a foreign one is refused.
 */
export function isSameOrigin(req: RequestHead): boolean {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = forwarded(req.headers, "x-forwarded-host") ?? req.headers.get("host");
  return originHost === host || config.trustedOrigins.includes(origin);
}

export const isMutation = (method: string) => !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());

export const tooLarge = (limit: number) =>
  new ApiError(413, "too_large", `body: larger than this route's limit of ${limit} bytes`, {
    body: `larger than ${limit} bytes`,
  });

/** Answers 413 naming the route's limit and closes the connection once the answer is out. */
export function answerTooLarge(node: IncomingMessage, res: ServerResponse, limit: number, status = 413) {
  const body = JSON.stringify({ error: { code: "too_large", message: tooLarge(limit).message } });
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    connection: "close",
  });
  res.end(body, () => node.socket.destroySoon?.());
}

const limitOf = (node: IncomingMessage) =>
  bodyLimitFor(node.method ?? "GET", (node.url ?? "/").split("?")[0], node.headers["content-type"] ?? "");

/**
 * Called for every request before anything reads its body (lib/api/direct.ts): a declared Content-Length over the
 * route's limit is answered 413 at once and the connection closed, so none of the body is read.
 */
export function refuseOversizedBody(node: IncomingMessage, res: ServerResponse): boolean {
  const declared = node.headers["content-length"];
  if (declared === undefined) return false;
  const limit = limitOf(node);
  const length = Number(declared);
  if (Number.isSafeInteger(length) && length <= limit) return false;
  answerTooLarge(node, res, limit, Number.isSafeInteger(length) ? 413 : 400);
  return true;
}

/**
 * A body of unknown length (chunked) on any route but the multipart upload (busboy holds that one to its own limit
 * while streaming) is held until it has all arrived, then handed on (`next`) or refused with a 413
 * (lib/api/chunked-body.ts). False when the request has no such body: go on at once.
 */
export function holdUnsizedBody(node: IncomingMessage, res: ServerResponse, next: () => void): boolean {
  if (node.headers["content-length"] !== undefined || node.headers["transfer-encoding"] === undefined)
    return false;
  if ((node.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data")) return false;
  const limit = limitOf(node);
  holdChunkedBody(node, limit, next, () => answerTooLarge(node, res, limit));
  return true;
}

/** The body as text, read at most up to the route's limit (413 beyond it: the rest is never read). */
export async function readBody(req: Request): Promise<string> {
  if (!req.body) return "";
  const { pathname } = new URL(req.url);
  const limit = bodyLimitFor(req.method, pathname, req.headers.get("content-type") ?? "");
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not cancel(): that destroys the socket before the 413 is written, and the client sees a reset. Node
      // discards the rest of the body once the answer is out (never buffered), so the connection stays usable.
      reader.releaseLock();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** application/json and application/*+json (with any parameters). */
export function isJsonType(contentType: string): boolean {
  const type = contentType.split(";")[0].trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}
