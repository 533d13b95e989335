import "server-only";
import { z } from "zod";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import type { SwarmNodeView, SwarmTaskView } from "@/lib/validations/ops-views";

export type NodeAvailability = "active" | "pause" | "drain";

// The fields of the Swarm API's answers Wharf reads (dockerode types them as `any`).
const RawNode = z.object({
  ID: z.string(),
  Version: z.object({ Index: z.number() }),
  // Loose: the node update sends the whole spec back, so fields Wharf does not read must survive the parse.
  Spec: z.looseObject({
    Role: z.string(),
    Availability: z.string(),
    Labels: z.record(z.string(), z.string()).nullish(),
  }),
  Description: z
    .object({
      Hostname: z.string().nullish(),
      Resources: z.object({ NanoCPUs: z.number().nullish(), MemoryBytes: z.number().nullish() }).nullish(),
      Engine: z.object({ EngineVersion: z.string().nullish() }).nullish(),
    })
    .nullish(),
  Status: z.object({ State: z.string().nullish(), Addr: z.string().nullish() }).nullish(),
  ManagerStatus: z.object({ Leader: z.boolean().nullish(), Reachability: z.string().nullish() }).nullish(),
});
const RawTask = z.object({
  ID: z.string(),
  ServiceID: z.string(),
  Slot: z.number().nullish(),
  NodeID: z.string().nullish(),
  DesiredState: z.string(),
  UpdatedAt: z.string(),
  Status: z.object({ State: z.string(), Message: z.string().nullish(), Err: z.string().nullish() }),
});

export async function listNodes(host: HostConnection): Promise<SwarmNodeView[]> {
  const { call } = dockerFor(host);
  const [nodes, tasks] = await Promise.all([
    call.listNodes().then((l) => z.array(RawNode).parse(l)),
    call
      .listTasks({ filters: JSON.stringify({ "desired-state": ["running"] }) })
      .then((l) => z.array(RawTask).parse(l)),
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
  const info = RawNode.parse(await node.inspect());
  await node.update({ version: info.Version.Index, ...info.Spec, Availability: availability });
}

/** Tasks on one node (newest first), with service names, so the page shows them move on drain. */
export async function listNodeTasks(host: HostConnection, nodeId: string): Promise<SwarmTaskView[]> {
  const { call } = dockerFor(host);
  const [tasks, services] = await Promise.all([
    call.listTasks({ filters: JSON.stringify({ node: [nodeId] }) }).then((l) => z.array(RawTask).parse(l)),
    call.listServices(),
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
