import "server-only";
import path from "node:path";
import { config } from "@/lib/config";
import type { EdgeSettings } from "./config";

// Where the edge proxy is and how it listens (README "Configuration", docs/edge.md). Read per call, so a test
// server's environment is what counts.

const port = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : fallback;
};

/** Whole hours from 1 to 144 (6 days), else undefined: Caddy's default. */
const hours = (value: string | undefined) => {
  const n = Number(value);
  return value?.trim() && Number.isInteger(n) && n >= 1 && n <= 144 ? n : undefined;
};

export type EdgeEnv = EdgeSettings & { adminUrl: string; syncMs: number; engineUrl: string };

/** null: no WHARF_EDGE_ADMIN_URL, so no edge proxy (domains can be set up, nothing is routed). */
export function edgeEnv(): EdgeEnv | null {
  const adminUrl = process.env.WHARF_EDGE_ADMIN_URL?.trim();
  if (!adminUrl) return null;
  const url = new URL(adminUrl);
  return {
    adminUrl: url.origin,
    adminListen: url.host,
    httpPort: port(process.env.WHARF_EDGE_HTTP_PORT, 80),
    httpsPort: port(process.env.WHARF_EDGE_HTTPS_PORT, 443),
    acmeEmail: process.env.WHARF_EDGE_ACME_EMAIL?.trim() || undefined,
    // Absolute: Caddy would resolve a relative name against its own working folder.
    accessLog: process.env.WHARF_EDGE_ACCESS_LOG?.trim()
      ? path.resolve(process.env.WHARF_EDGE_ACCESS_LOG.trim())
      : undefined,
    // Longer than 12 h lets a `certificate_expiry` rule of a day or more mean "renewal is failing" for internally
    // signed names (docs/alerts.md); below Caddy's 7-day intermediate, which a leaf must not outlive.
    internalCertHours: hours(process.env.WHARF_EDGE_INTERNAL_CERT_HOURS),
    syncMs: Math.max(1000, Number(process.env.WHARF_EDGE_SYNC_MS ?? 5000) || 5000),
    // The engine on this machine: its bridges are the ones the proxy, a process here, can reach.
    engineUrl: `unix://${config.localDockerSocket}`,
  };
}

/** The HTTPS address of a route as a browser writes it. */
export function routeUrl(host: string, pathPrefix: string): string {
  const httpsPort = port(process.env.WHARF_EDGE_HTTPS_PORT, 443);
  return `https://${host}${httpsPort === 443 ? "" : `:${httpsPort}`}${pathPrefix === "/" ? "/" : `${pathPrefix}/`}`;
}
