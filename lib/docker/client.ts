import "server-only";
import Docker from "dockerode";
import { z } from "zod";
import { decryptSecret } from "@/lib/crypto";
import { parseHostUrl } from "@/lib/validations/host-url";

export const TlsMaterial = z.object({ ca: z.string(), cert: z.string(), key: z.string() });
export type TlsMaterial = z.infer<typeof TlsMaterial>;
export type HostConnection = { id: string; url: string; tls?: TlsMaterial | null };

/** Per-request timeout for ordinary engine calls; streams (events, logs, builds) use a client without one. */
export const DOCKER_CALL_TIMEOUT_MS = 10_000;

export function createDocker(
  conn: { url: string; tls?: TlsMaterial | null },
  opts: { timeoutMs?: number } = {},
): Docker {
  const endpoint = parseHostUrl(conn.url);
  if (!endpoint) throw new Error(`Unsupported host URL: ${conn.url}`);
  const timeout = opts.timeoutMs;
  if (endpoint.kind === "unix") return new Docker({ socketPath: endpoint.socketPath, timeout });
  const tls = conn.tls
    ? { protocol: "https" as const, ca: conn.tls.ca, cert: conn.tls.cert, key: conn.tls.key }
    : { protocol: "http" as const };
  return new Docker({ host: endpoint.host, port: endpoint.port, timeout, ...tls });
}

export function readTls(tlsEncrypted: string | null | undefined): TlsMaterial | null {
  return tlsEncrypted ? TlsMaterial.parse(JSON.parse(decryptSecret(tlsEncrypted))) : null;
}

type Cached = { url: string; tlsKey: string; call: Docker; stream: Docker };
declare global {
  var wharfDockerClients: Map<string, Cached> | undefined;
}
const g = globalThis;
const clients = (g.wharfDockerClients ??= new Map());

/**
 * One dockerode client pair per host, reused across requests: `call` has a timeout, `stream` has none
 * (for /events, logs, builds and exec that stay open). Replaced when the host's URL or TLS changes.
 */
export function dockerFor(host: HostConnection): { call: Docker; stream: Docker } {
  const tlsKey = host.tls ? host.tls.cert.slice(-64) : "";
  const cached = clients.get(host.id);
  if (cached && cached.url === host.url && cached.tlsKey === tlsKey) return cached;
  const fresh = {
    url: host.url,
    tlsKey,
    call: createDocker(host, { timeoutMs: DOCKER_CALL_TIMEOUT_MS }),
    stream: createDocker(host),
  };
  clients.set(host.id, fresh);
  return fresh;
}

export function forgetDocker(hostId: string) {
  clients.delete(hostId);
}
