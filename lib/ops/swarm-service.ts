import "server-only";
import { conflict, notFound, rethrow } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type { HostConnection } from "@/lib/docker/client";
import { connectionOf, hostConnection } from "@/lib/docker/host-connection";
import { listNodes, listNodeTasks, setNodeAvailability, type NodeAvailability } from "@/lib/docker/swarm";
import { engineResources } from "@/lib/docker/system";
import { noteWharfEvent } from "@/lib/fleet/timeline";
import type { SwarmNodeDetailView, SwarmNodesView } from "@/lib/validations/ops-views";

/** The host whose engine answers for the Swarm: the one asked for (it must be a manager), else the first manager found. */
export async function swarmManager(
  hostId?: string,
): Promise<{ hostId: string; hostName: string; conn: HostConnection } | null> {
  if (hostId) {
    const conn = await hostConnection(hostId);
    const info = await engineResources(conn).catch(rethrow("Host"));
    if (!info.swarm.isManager)
      throw conflict(`hostId: this host is not a Swarm manager (swarm state: ${info.swarm.state})`, {
        hostId: "not a Swarm manager",
      });
    const h = await db.host.findUniqueOrThrow({ where: { id: hostId }, select: { name: true } });
    return { hostId, hostName: h.name, conn };
  }
  const hosts = await db.host.findMany({
    select: { id: true, name: true, url: true, tlsEncrypted: true },
    orderBy: { name: "asc" },
  });
  for (const h of hosts) {
    const conn = connectionOf(h);
    const info = await engineResources(conn).catch(() => null);
    if (info?.swarm.isManager) return { hostId: h.id, hostName: h.name, conn };
  }
  return null;
}

export async function listSwarmNodes(hostId?: string): Promise<SwarmNodesView> {
  const m = await swarmManager(hostId);
  if (!m) return { hostId: null, hostName: null, items: [] };
  return { hostId: m.hostId, hostName: m.hostName, items: await listNodes(m.conn).catch(rethrow("Swarm")) };
}

export async function getSwarmNode(nodeId: string, hostId?: string): Promise<SwarmNodeDetailView> {
  const m = await swarmManager(hostId);
  if (!m) throw notFound("Swarm node");
  const nodes = await listNodes(m.conn).catch(rethrow("Swarm"));
  const node = nodes.find((n) => n.id === nodeId || n.hostname === nodeId);
  if (!node) throw notFound("Swarm node");
  return { hostId: m.hostId, node, tasks: await listNodeTasks(m.conn, node.id).catch(rethrow("Swarm")) };
}

export async function updateSwarmNode(
  nodeId: string,
  availability: NodeAvailability,
  hostId?: string,
): Promise<SwarmNodeDetailView> {
  const m = await swarmManager(hostId);
  if (!m) throw notFound("Swarm node");
  await setNodeAvailability(m.conn, nodeId, availability).catch(rethrow("Swarm node"));
  const detail = await getSwarmNode(nodeId, m.hostId);
  // On the timeline as one of Wharf's events: fleet-wide (no tenant), on the manager's host.
  await noteWharfEvent({
    type: "node",
    hostId: m.hostId,
    tenantId: null,
    appId: null,
    objectId: detail.node.id,
    objectName: detail.node.hostname,
    detail: `availability set to ${availability}`,
  });
  return detail;
}
