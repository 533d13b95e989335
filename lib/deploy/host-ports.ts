// Host ports a spec would publish that something else on the host already holds. Checked at plan time so the
// developer sees it beside the field, not as the engine's raw message halfway through a deploy.
import type { AppSpec } from "@/lib/compose/spec";
import type { HostPortBinding } from "@/lib/docker/published-ports";

const ANY = new Set(["", "0.0.0.0", "::"]);

/** Two bindings of the same port and protocol collide unless both name different, specific addresses. */
const overlaps = (a: string, b: string) => ANY.has(a) || ANY.has(b) || a === b;

/**
 * Field errors (`services.<name>.ports`) for each published port already bound on the host by anything but
 * this app's own containers and services (found by the server, never by labels). Who holds it is not said:
 * it may be another tenant.
 */
export function hostPortConflicts(
  spec: AppSpec,
  bindings: HostPortBinding[],
  own: { containerIds: Set<string>; serviceIds: Set<string> },
): Record<string, string> {
  const others = bindings.filter(
    (b) =>
      !(b.containerId && own.containerIds.has(b.containerId)) &&
      !(b.serviceId && own.serviceIds.has(b.serviceId)),
  );
  const errors: Record<string, string> = {};
  for (const [name, svc] of Object.entries(spec.services)) {
    const held = (port: number, p: (typeof svc.ports)[number]) =>
      others.some((b) => b.port === port && b.protocol === p.protocol && overlaps(b.ip, p.hostIp ?? ""));
    // A pool ("6005-6015:80") collides only when every port of it is held: the engine takes a free one.
    const taken = svc.ports.filter(
      (p) =>
        p.published !== undefined &&
        Array.from(
          { length: (p.publishedEnd ?? p.published) - p.published + 1 },
          (_, i) => p.published! + i,
        ).every((port) => held(port, p)),
    );
    if (taken.length)
      errors[`services.${name}.ports`] =
        `host port ${taken.map((p) => `${p.published}/${p.protocol}`).join(", ")} is already in use on this host; pick another, or publish without a host port (e.g. "${taken[0].target}")`;
  }
  return errors;
}
