import "server-only";
import { config } from "@/lib/config";

export function clientIp(req: Request): string {
  // Behind a proxy, the proxy sets x-forwarded-for; directly, the custom server copies the socket address here.
  return (req.headers.get("x-forwarded-for") ?? "").split(",")[0].trim() || req.headers.get("x-wharf-remote-addr") || "";
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
