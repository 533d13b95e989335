import "server-only";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import type { VolumeView } from "@/lib/validations/ops-views";

/** Every volume on a host, with the containers that mount it (the host resources page). */
export async function listHostVolumes(host: HostConnection): Promise<VolumeView[]> {
  const { call } = dockerFor(host);
  const [vols, containers] = await Promise.all([call.listVolumes(), call.listContainers({ all: true })]);
  const users = new Map<string, VolumeView["containers"]>();
  for (const c of containers)
    for (const m of c.Mounts ?? [])
      if (m.Type === "volume" && m.Name)
        (users.get(m.Name) ?? users.set(m.Name, []).get(m.Name)!).push({
          id: c.Id,
          name: (c.Names[0] ?? "").replace(/^\//, ""),
        });
  return (vols.Volumes ?? [])
    .map((v) => ({
      name: v.Name,
      driver: v.Driver,
      mountpoint: v.Mountpoint,
      // CreatedAt is in the engine's answer but not in dockerode's type.
      createdAt: "CreatedAt" in v && typeof v.CreatedAt === "string" ? v.CreatedAt : null,
      labels: v.Labels ?? {},
      containers: users.get(v.Name) ?? [],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
