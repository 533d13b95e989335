import "server-only";
import http from "node:http";
import https from "node:https";
import { inspect } from "node:util";
import Docker from "dockerode";
import { z } from "zod";
import { decryptSecret } from "@/lib/crypto";
import { parseHostUrl } from "@/lib/validations/host-url";

export const TlsMaterial = z.object({ ca: z.string(), cert: z.string(), key: z.string() });
export type TlsMaterial = z.infer<typeof TlsMaterial>;
export type HostConnection = { id: string; url: string; tls?: TlsMaterial | null };

/** Per-request timeout for ordinary engine calls; streams (events, logs, builds) use a client without one. */
export const DOCKER_CALL_TIMEOUT_MS = 10_000;

/**
 * A dockerode client. `agent` (engineAgent) pools its connections; without one Node's global agent is used, whose
 * idle sockets close after 5 s. Streams (events, logs, builds, exec) stay unpooled: they hold their socket for long.
 */
export function createDocker(
  conn: { url: string; tls?: TlsMaterial | null },
  opts: { timeoutMs?: number; agent?: http.Agent } = {},
): Docker {
  const endpoint = parseHostUrl(conn.url);
  if (!endpoint) throw new Error(`Unsupported host URL: ${conn.url}`);
  const timeout = opts.timeoutMs;
  const agent = opts.agent ? { agent: opts.agent } : {};
  if (endpoint.kind === "unix") return new Docker({ socketPath: endpoint.socketPath, timeout, ...agent });
  const tls = conn.tls
    ? { protocol: "https" as const, ca: conn.tls.ca, cert: conn.tls.cert, key: conn.tls.key }
    : { protocol: "http" as const };
  return new Docker({ host: endpoint.host, port: endpoint.port, timeout, ...tls, ...agent });
}

/**
 * Kept-alive connections per engine, bounded: at most 16 at once (queued beyond), 4 kept idle for 30 s (or less when
 * the engine says so in a Keep-Alive header; dockerd sends none and keeps idle connections). Each event's inspect, the
 * watchdog's pings, deploy calls and the metrics collector's stats reuse them: with Node's global agent an engine
 * quieter than one call per 5 s paid a new connection per call (~1.1 ms of CPU each against the simulator,
 * docs/scale.md).
 */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 16, maxFreeSockets: 4, timeout: 30_000 };

declare global {
  var wharfEngineAgents: Map<string, { key: string; agent: http.Agent }> | undefined;
}
const agents = (globalThis.wharfEngineAgents ??= new Map());
const connectionKey = (host: HostConnection) => `${host.url}|${host.tls ? host.tls.cert.slice(-64) : ""}`;

export function engineAgent(host: HostConnection): http.Agent {
  const key = connectionKey(host);
  const hit = agents.get(host.id);
  if (hit?.key === key) return hit.agent;
  // A re-pointed host gets a new pool; the old one's idle sockets close on their own (30 s), in-flight calls finish.
  const agent = host.tls
    ? new https.Agent({ ...AGENT_OPTIONS, ca: host.tls.ca, cert: host.tls.cert, key: host.tls.key })
    : new http.Agent(AGENT_OPTIONS);
  // docker-modem inspects each request's options in full (showHidden, depth null) even with its debug log off: with
  // the pool among them that walked every socket and queued request, per call, and stalled the server (bench:ui with
  // 200 containers: util.inspect ~80 % of its CPU, /cluster unanswered). A pool prints as one short line instead.
  Object.defineProperty(agent, inspect.custom, { value: () => `[engine pool ${host.id}]` });
  agents.set(host.id, { key, agent });
  return agent;
}

export function readTls(tlsEncrypted: string | null | undefined): TlsMaterial | null {
  return tlsEncrypted ? TlsMaterial.parse(JSON.parse(decryptSecret(tlsEncrypted))) : null;
}

type Cached = { key: string; call: Docker; stream: Docker };
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
  const key = connectionKey(host);
  const cached = clients.get(host.id);
  if (cached && cached.key === key) return cached;
  const fresh = {
    key,
    call: createDocker(host, { timeoutMs: DOCKER_CALL_TIMEOUT_MS, agent: engineAgent(host) }),
    stream: createDocker(host),
  };
  clients.set(host.id, fresh);
  return fresh;
}

/** A host removed: its clients and its pooled connections go. */
export function forgetDocker(hostId: string) {
  clients.delete(hostId);
  agents.get(hostId)?.agent.destroy();
  agents.delete(hostId);
}
