import "server-only";
import { createNetwork, removeNetwork } from "@/lib/docker/networks";
import { bridgeOptions } from "@/lib/egress/firewall";
import type Docker from "dockerode";

/**
 * Each build's RUN steps run on a bridge network of their own, made for that build and removed after:
 * not the engine's default bridge (shared with every other container), so a build reaches neither
 * another tenant's containers nor — through the firewall on Wharf's bridges — this host's services.
 */
const networkName = (buildId: string) => `wharf-build-${buildId}`;

/** For builds cut short by a server stop (their `finally` never ran): best effort, gone already is fine. */
export async function removeBuildNetwork(docker: Docker, buildId: string): Promise<void> {
  await removeNetwork(docker, networkName(buildId)).catch(() => undefined);
}

export async function withBuildNetwork<T>(
  docker: Docker,
  labels: { tenantId: string; buildId: string },
  run: (network: string) => Promise<T>,
): Promise<T> {
  const name = networkName(labels.buildId);
  const id = await createNetwork(docker, {
    Name: name,
    Driver: "bridge",
    Options: bridgeOptions(),
    Labels: { "wharf.tenant": labels.tenantId, "wharf.build": labels.buildId },
  });
  try {
    return await run(name);
  } finally {
    // The build's last step container may still be going away: try a few times.
    for (let i = 0; i < 5; i++) {
      try {
        await removeNetwork(docker, id);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
}
