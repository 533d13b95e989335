import "server-only";
import net from "node:net";

// Whether a replica's routed port takes a TCP connection: readiness for replicas without a health check
// (lib/edge/routes.ts on a standalone host, lib/edge/swarm-upstreams.ts for Swarm tasks).

const PROBE_MS = 500;

export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: PROBE_MS });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

declare global {
  /** Keys (a replica's or task's id with its port) whose port accepted, kept across syncs. */
  var wharfEdgeAccepted: Set<string> | undefined;
}

/**
 * `accepts`, remembered per `key` once it did: a busy replica is not dropped for one slow probe. `seen` collects the
 * keys a full route computation asked about, for `keepAccepted`.
 */
export async function acceptedOnce(key: string, host: string, port: number, seen: Set<string>) {
  seen.add(key);
  const accepted = (globalThis.wharfEdgeAccepted ??= new Set());
  if (accepted.has(key)) return true;
  if (!(await accepts(host, port))) return false;
  accepted.add(key);
  return true;
}

/** After a full computation: a replica or task not asked about (stopped, gone) is probed again if it runs again. */
export function keepAccepted(seen: Set<string>) {
  globalThis.wharfEdgeAccepted = new Set(
    [...(globalThis.wharfEdgeAccepted ?? [])].filter((k) => seen.has(k)),
  );
}

/** A replica that restarts (lib/deploy/edge-switch.ts rollReplica) is probed again before it is routed again. */
export function forgetAccepted(containerId: string) {
  const accepted = globalThis.wharfEdgeAccepted;
  if (!accepted) return;
  for (const k of accepted) if (k.startsWith(`${containerId}:`)) accepted.delete(k);
}
