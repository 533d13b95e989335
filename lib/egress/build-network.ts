import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { errorText } from "@/lib/api/errors";
import { BUILD_LABEL, TENANT_LABEL } from "@/lib/docker/labels";
import { createNetwork, removeNetwork } from "@/lib/docker/networks";
import { bridgeOptions } from "@/lib/egress/firewall";
import type Docker from "dockerode";

const networkName = (buildId: string) => `wharf-build-${buildId}`;

/**
 * For builds cut short by a server stop (their `finally` never ran). The engine stops the build's step
 * container once Wharf's request is gone, which can take a moment: until then the network is in use,
 * so this tries for a while. Gone already is fine; a network still in use after that is left (logged).
 */
export async function removeBuildNetwork(docker: Docker, buildId: string, tries = 20): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await removeNetwork(docker, networkName(buildId));
    } catch (err) {
      if (i >= tries) {
        console.error(`[wharf] build network ${networkName(buildId)} left in place: ${errorText(err)}`);
        return;
      }
      await sleep(1000);
    }
  }
}

/**
 * Each build's RUN steps run on a bridge network of their own, made for that build and removed after:
 * not the engine's default bridge (shared with every other container), so a build reaches neither
 * another tenant's containers nor — through the firewall on Wharf's bridges — this host's services.
 */
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
    Labels: { [TENANT_LABEL]: labels.tenantId, [BUILD_LABEL]: labels.buildId },
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
        await sleep(500);
      }
    }
  }
}
