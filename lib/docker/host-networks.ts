import "server-only";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import type { NetworkView } from "@/lib/validations/ops-views";

/** Every network on a host, with how many running containers are attached (the host resources page). */
export async function listHostNetworks(host: HostConnection): Promise<NetworkView[]> {
  const { call } = dockerFor(host);
  const [nets, containers] = await Promise.all([call.listNetworks(), call.listContainers({ all: false })]);
  // The list call leaves Containers empty; count attachments from the container list instead.
  const counts = new Map<string, number>();
  for (const c of containers)
    for (const n of Object.values(c.NetworkSettings?.Networks ?? {}))
      counts.set(n.NetworkID, (counts.get(n.NetworkID) ?? 0) + 1);
  return nets
    .map((n) => ({
      id: n.Id,
      name: n.Name,
      driver: n.Driver,
      scope: n.Scope,
      internal: !!n.Internal,
      labels: n.Labels ?? {},
      subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? "").filter(Boolean),
      containers: counts.get(n.Id) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
