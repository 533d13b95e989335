import "server-only";
import { invalid } from "@/lib/api/errors";
import type { AppSpec } from "@/lib/compose/spec";
import { EgressRefused, resolveEgress, type EgressSubject } from "@/lib/egress/check";
import { registryHostOf } from "@/lib/validations/image-tags";

/**
 * The engine pulls a service's image from the registry its name points at; for non-admins that
 * registry must pass the egress policy too, or `image: 127.0.0.1:22/x` would make the engine probe the
 * host's ports. A name that does not resolve is left to the engine (its pull fails as it would anyway).
 */
export async function assertImageEgress(spec: AppSpec, who: EgressSubject): Promise<void> {
  if (who.admin) return;
  for (const [name, svc] of Object.entries(spec.services)) {
    const host = registryHostOf(svc.image);
    if (host === "docker.io") continue;
    const bracket = host.startsWith("[") ? host.indexOf("]") : -1;
    const [hostname, port] =
      bracket > 0
        ? [host.slice(1, bracket), host.slice(bracket + 2)]
        : [host.split(":")[0], host.split(":")[1]];
    try {
      await resolveEgress(hostname, Number(port) || 443, who);
    } catch (err) {
      if (!(err instanceof EgressRefused)) continue;
      throw invalid(`services.${name}.image: ${err.message}`, { [`services.${name}.image`]: err.message });
    }
  }
}
