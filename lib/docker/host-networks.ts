import "server-only";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import type { NetworkView } from "@/lib/validations/ops-views";

/** Every network on a host, with how many running containers are attached (the host resources page). */
export async function listHostNetworks(host: HostConnection): Promise<NetworkView[]> {
  const { call } = dockerFor(host);
  const [nets, containers] = await Promise.all([call.listNetworks(), call.listContainers({ all: false })]);
  // The list call leaves Containers empty; count attachments from the container list instead.
  const attached = new Map<string, string[]>();
  for (const c of containers)
    for (const n of Object.values(c.NetworkSettings?.Networks ?? {}))
      (attached.get(n.NetworkID) ?? attached.set(n.NetworkID, []).get(n.NetworkID)!).push(c.Id);
  return nets
    .map((n) => ({
      id: n.Id,
      name: n.Name,
      driver: n.Driver,
      scope: n.Scope,
      internal: !!n.Internal,
      labels: n.Labels ?? {},
      subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? "").filter(Boolean),
      containers: attached.get(n.Id)?.length ?? 0,
      containerIds: attached.get(n.Id) ?? [],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
