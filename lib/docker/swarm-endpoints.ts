import "server-only";
import { z } from "zod";
import type Docker from "dockerode";

// Where a Swarm service's tasks can be reached from outside the overlay (docs/edge.md, "Swarm"): each task's
// host-mode published ports (an ephemeral one when the spec names no PublishedPort) on the address of the node it
// runs on. Only managers answer these calls.

const TaskRow = z.object({
  ID: z.string(),
  Slot: z.number().optional(),
  NodeID: z.string().optional(),
  DesiredState: z.string().optional(),
  Spec: z
    .object({ ContainerSpec: z.object({ Labels: z.record(z.string(), z.string()).optional() }).optional() })
    .optional(),
  Status: z
    .object({
      State: z.string().optional(),
      PortStatus: z
        .object({
          Ports: z
            .array(
              z.object({
                Protocol: z.string().optional(),
                TargetPort: z.number().optional(),
                PublishedPort: z.number().optional(),
                PublishMode: z.string().optional(),
              }),
            )
            .optional(),
        })
        .optional(),
    })
    .optional(),
});

const NodeRow = z.object({
  ID: z.string(),
  Status: z.object({ State: z.string().optional(), Addr: z.string().optional() }).optional(),
  ManagerStatus: z.object({ Addr: z.string().optional() }).optional(),
});

export type TaskEndpoint = {
  id: string;
  slot: number | null;
  nodeId: string;
  state: string;
  desiredState: string;
  /** The task's container labels as the service spec gave them (the ownership proof is among them). */
  labels: Record<string, string>;
  /** Host-mode published ports, one per target: the engine lists each twice (IPv4, then IPv6), the IPv4 one is kept. */
  ports: { target: number; published: number; protocol: string }[];
};

export async function listTaskEndpoints(docker: Docker, serviceId: string): Promise<TaskEndpoint[]> {
  const rows = z.array(TaskRow).parse(await docker.listTasks({ filters: { service: [serviceId] } }));
  return rows.map((t) => {
    const seen = new Set<string>();
    const ports: TaskEndpoint["ports"] = [];
    for (const p of t.Status?.PortStatus?.Ports ?? []) {
      if (p.PublishMode !== "host" || !p.TargetPort || !p.PublishedPort) continue;
      const port = { target: p.TargetPort, published: p.PublishedPort, protocol: p.Protocol ?? "tcp" };
      // The first entry per target is the IPv4 binding (0.0.0.0); the engine may give the IPv6 one ([::]) another
      // ephemeral port, which a node's IPv4 address does not answer on (seen on 20.10: 32813 and 32811).
      const key = `${port.target}/${port.protocol}`;
      if (!seen.has(key)) ports.push(port);
      seen.add(key);
    }
    return {
      id: t.ID,
      slot: t.Slot ?? null,
      nodeId: t.NodeID ?? "",
      state: t.Status?.State ?? "",
      desiredState: t.DesiredState ?? "",
      labels: t.Spec?.ContainerSpec?.Labels ?? {},
      ports,
    };
  });
}

/**
 * Node id → the address other machines reach it at, for nodes that are `ready`. Some engines report a manager's
 * `Status.Addr` as 0.0.0.0; its advertised address (`ManagerStatus.Addr`, `ip:2377`) is used then.
 */
export async function listNodeAddresses(docker: Docker): Promise<Map<string, string>> {
  const nodes = z.array(NodeRow).parse(await docker.listNodes());
  const out = new Map<string, string>();
  for (const n of nodes) {
    if (n.Status?.State !== "ready") continue;
    let addr = n.Status.Addr ?? "";
    if (!addr || addr === "0.0.0.0") addr = (n.ManagerStatus?.Addr ?? "").replace(/:\d+$/, "");
    if (addr) out.set(n.ID, addr);
  }
  return out;
}
