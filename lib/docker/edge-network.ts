import "server-only";
import { OBJECT_LABEL, TENANT_LABEL } from "@/lib/docker/labels";
import { createNetwork, NetworkInspect, networkNamed } from "@/lib/docker/networks";
import type Docker from "dockerode";

// The edge network: one bridge per tenant on the edge host, which the edge proxy (a host process) reaches by
// its containers' addresses. Per tenant, so two tenants' routed services never share a network.

export const edgeNetworkName = (tenantId: string) => `wharf-edge-${tenantId}`;

/** The tenant's edge network id, created with `options` (the firewall's bridge name) when missing. */
export async function ensureEdgeNetwork(
  docker: Docker,
  tenantId: string,
  options: Record<string, string>,
): Promise<string> {
  const name = edgeNetworkName(tenantId);
  const found = await networkNamed(docker, name);
  if (found) return found.Id;
  return createNetwork(docker, {
    Name: name,
    Driver: "bridge",
    Options: options,
    Labels: { [OBJECT_LABEL]: "edge", [TENANT_LABEL]: tenantId },
  });
}

/** Each running container's address on the network, by container id (absent: not attached). */
export async function addressesOn(docker: Docker, networkId: string): Promise<Map<string, string>> {
  const info = NetworkInspect.parse(await docker.getNetwork(networkId).inspect());
  const out = new Map<string, string>();
  for (const [id, c] of Object.entries(info.Containers ?? {})) {
    const ip = c.IPv4Address?.split("/")[0];
    if (ip) out.set(id, ip);
  }
  return out;
}
