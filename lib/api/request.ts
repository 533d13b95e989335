import "server-only";
import { config } from "@/lib/config";
import type { IncomingMessage } from "node:http";

/**
 * A Fetch Request carrying a Node request's headers (WebSocket upgrades, direct routes), so the ordinary
 * `authenticate` and `isSameOrigin` apply. The peer address is taken from the socket (server.ts does the same
 * for requests Next.js serves), replacing whatever a client sent in that header. GET or HEAD only (no body).
 */
export function requestFromNode(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === "x-wharf-remote-addr") continue;
    for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
  }
  headers.set("x-wharf-remote-addr", req.socket.remoteAddress ?? "");
  const host = req.headers.host ?? "localhost";
  return new Request(`http://${host}${req.url ?? "/"}`, {
    headers,
    method: req.method === "HEAD" ? "HEAD" : "GET",
  });
}

export function clientIp(req: Request): string {
  // Behind a proxy, the proxy sets x-forwarded-for; directly, the custom server copies the socket address here.
  return (
    (req.headers.get("x-forwarded-for") ?? "").split(",")[0].trim() ||
    req.headers.get("x-wharf-remote-addr") ||
    ""
  );
}

export function isHttps(req: Request): boolean {
  const proto = req.headers.get("x-forwarded-proto");
  return proto ? proto.split(",")[0].trim() === "https" : new URL(req.url).protocol === "https:";
}

export function readCookie(req: Request, name: string): string | undefined {
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
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  return originHost === host || config.trustedOrigins.includes(origin);
}

export const isMutation = (method: string) => !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
