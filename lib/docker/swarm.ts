import "server-only";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import type { SwarmNodeView, SwarmTaskView } from "@/lib/validations/ops-views";

export type NodeAvailability = "active" | "pause" | "drain";

type RawNode = {
  ID: string;
  Version: { Index: number };
  Spec: { Role: string; Availability: string; Labels?: Record<string, string>; Name?: string };
  Description?: {
    Hostname?: string;
    Resources?: { NanoCPUs?: number; MemoryBytes?: number };
    Engine?: { EngineVersion?: string };
  };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string };
};
type RawTask = {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState: string;
  UpdatedAt: string;
  Status: { State: string; Message?: string; Err?: string };
};

export async function listNodes(host: HostConnection): Promise<SwarmNodeView[]> {
  const { call } = dockerFor(host);
  const [nodes, tasks] = await Promise.all([
    call.listNodes() as Promise<RawNode[]>,
    call.listTasks({ filters: JSON.stringify({ "desired-state": ["running"] }) }) as Promise<RawTask[]>,
  ]);
  const running = new Map<string, number>();
  for (const t of tasks)
    if (t.NodeID && t.Status.State === "running") running.set(t.NodeID, (running.get(t.NodeID) ?? 0) + 1);
  return nodes
    .map((n) => ({
      id: n.ID,
      hostname: n.Description?.Hostname ?? n.ID.slice(0, 12),
      role: n.Spec.Role,
      availability: n.Spec.Availability,
      status: n.Status?.State ?? "unknown",
      address: n.Status?.Addr ?? "",
      leader: !!n.ManagerStatus?.Leader,
      managerReachability: n.ManagerStatus?.Reachability ?? null,
      engineVersion: n.Description?.Engine?.EngineVersion ?? "",
      nanoCpus: n.Description?.Resources?.NanoCPUs ?? 0,
      memoryBytes: n.Description?.Resources?.MemoryBytes ?? 0,
      labels: n.Spec.Labels ?? {},
      tasksRunning: running.get(n.ID) ?? 0,
    }))
    .sort((a, b) => a.hostname.localeCompare(b.hostname));
}

/** The node update API needs the current spec and version; only Availability changes. */
export async function setNodeAvailability(
  host: HostConnection,
  nodeId: string,
  availability: NodeAvailability,
): Promise<void> {
  const node = dockerFor(host).call.getNode(nodeId);
  const info = (await node.inspect()) as RawNode;
  await node.update({ version: info.Version.Index, ...info.Spec, Availability: availability } as object);
}

/** Tasks on one node (newest first), with service names, so the page shows them move on drain. */
export async function listNodeTasks(host: HostConnection, nodeId: string): Promise<SwarmTaskView[]> {
  const { call } = dockerFor(host);
  const [tasks, services] = await Promise.all([
    call.listTasks({ filters: JSON.stringify({ node: [nodeId] }) }) as Promise<RawTask[]>,
    call.listServices() as Promise<{ ID: string; Spec?: { Name?: string } }[]>,
  ]);
  const names = new Map(services.map((s) => [s.ID, s.Spec?.Name ?? s.ID.slice(0, 12)]));
  return tasks
    .map((t) => ({
      id: t.ID,
      serviceId: t.ServiceID,
      serviceName: names.get(t.ServiceID) ?? t.ServiceID.slice(0, 12),
      slot: t.Slot ?? null,
      nodeId: t.NodeID ?? "",
      state: t.Status.State,
      desiredState: t.DesiredState,
      message: t.Status.Message ?? "",
      error: t.Status.Err ?? "",
      updatedAt: t.UpdatedAt,
    }))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
