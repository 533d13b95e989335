import "server-only";
import type Docker from "dockerode";

/** A host port something on the engine publishes: a container's binding or a Swarm service's published port. */
export type HostPortBinding = {
  port: number;
  protocol: string;
  /** The host address it is bound to; "0.0.0.0" (or "::") for every address. */
  ip: string;
  containerId?: string;
  serviceId?: string;
};

/**
 * Every host port published on this engine, whoever published it (any tenant, or outside Wharf): running
 * containers' bindings, and Swarm services' published ports when the engine is a manager.
 */
export async function listHostPortBindings(docker: Docker): Promise<HostPortBinding[]> {
  const [containers, services] = await Promise.all([
    docker.listContainers({}),
    docker.listServices({}).catch(() => []), // not a Swarm manager: no services
  ]);
  const bound: HostPortBinding[] = containers.flatMap((c) =>
    (c.Ports ?? [])
      .filter((p) => p.PublicPort)
      .map((p) => ({ port: p.PublicPort, protocol: p.Type, ip: p.IP ?? "0.0.0.0", containerId: c.Id })),
  );
  for (const s of services)
    for (const p of s.Endpoint?.Ports ?? s.Spec?.EndpointSpec?.Ports ?? [])
      if (p.PublishedPort)
        bound.push({ port: p.PublishedPort, protocol: p.Protocol ?? "tcp", ip: "0.0.0.0", serviceId: s.ID });
  return bound;
}
