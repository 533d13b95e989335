// Which Swarm tasks a route dials (lib/edge/swarm-upstreams.ts reads the engine): pure, so it is unit-tested with
// proofs made under a test key.
import { APP_LABEL } from "@/lib/docker/labels";
import type { VerifiedOwner } from "@/lib/docker/owner-proof";
import type { TaskEndpoint } from "@/lib/docker/swarm-endpoints";

export type SwarmTarget = { tenantId: string; appId: string; service: string; port: number };

const dialOf = (addr: string, port: number) => (addr.includes(":") ? `[${addr}]:${port}` : `${addr}:${port}`);

/**
 * host:port of each task of `serviceName` that runs (and is meant to: a task being shut down is left out), on a
 * ready node, proved to be the target's, publishing the target's TCP port. Pure: the engine's answers are given.
 */
export function taskUpstreams(
  target: SwarmTarget,
  serviceName: string,
  tasks: TaskEndpoint[],
  nodes: Map<string, string>,
  ownerOf: (name: string, labels: Record<string, string>) => VerifiedOwner | null,
): string[] {
  const out = new Set<string>();
  for (const t of tasks) {
    if (t.state !== "running" || t.desiredState !== "running") continue;
    const addr = nodes.get(t.nodeId);
    if (!addr) continue;
    // Task containers are named <service>.<slot or node id>.<task id>; the proof is bound to <service>.
    const owner = ownerOf(`${serviceName}.${t.slot ?? t.nodeId}.${t.id}`, t.labels);
    if (
      owner?.kind !== "t" ||
      owner.tenant !== target.tenantId ||
      owner.app !== target.appId ||
      owner.service !== target.service
    )
      continue;
    for (const p of t.ports)
      if (p.target === target.port && p.protocol === "tcp") out.add(dialOf(addr, p.published));
  }
  return [...out].sort();
}

/** Whether a fleet batch (lib/fleet/bus.ts) changed a container of a routed Swarm app (labels: the proved ones). */
export function touchesRouted(
  batch: { resync: boolean; changes: { labels: Record<string, string> }[] },
  routed: ReadonlySet<string>,
): boolean {
  if (routed.size === 0) return false;
  return batch.resync || batch.changes.some((c) => routed.has(c.labels[APP_LABEL] ?? ""));
}
