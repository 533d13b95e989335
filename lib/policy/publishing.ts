// Host-level limits on what an app may ask of its host, set by an admin per host (ports) or globally (volume
// drivers). Pure: the caller loads the settings (lib/deploy/host-policy.ts) and reports the violations.
import { isIP } from "node:net";
import type { Violation } from "./admission";
import type { AppSpec } from "../compose/spec";

export type PublishPolicy = { minPort: number; maxPort: number; addresses: string[] };
export const DEFAULT_PUBLISH_POLICY: PublishPolicy = { minPort: 1024, maxPort: 65535, addresses: [] };

/** Binding to every address (the same as no address) or to loopback never reaches past the host itself. */
const ALWAYS_ALLOWED_ADDRESSES = ["0.0.0.0", "::", "127.0.0.1", "::1"];

/** Normal form of an IP for comparison: brackets dropped, lower case. */
export const normalizeIp = (ip: string) =>
  ip
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .toLowerCase();

/**
 * Every published port must fall inside the host's range; an address, when given, must be one of the host's own
 * (as listed by the admin) or the wildcard/loopback. A port with no published number is chosen by the engine.
 */
export function checkPublishing(spec: AppSpec, policy: PublishPolicy): Violation[] {
  const out: Violation[] = [];
  const allowed = new Set([...ALWAYS_ALLOWED_ADDRESSES, ...policy.addresses.map(normalizeIp)]);
  for (const [name, svc] of Object.entries(spec.services ?? {})) {
    (svc.ports ?? []).forEach((p, i) => {
      const at = `services.${name}.ports.${i}`;
      const last = p.publishedEnd ?? p.published;
      if (p.published !== undefined && (p.published < policy.minPort || last! > policy.maxPort))
        out.push({
          path: at,
          reason: `host port ${p.publishedEnd ? `range ${p.published}-${last}` : p.published} is outside this host's range ${policy.minPort}–${policy.maxPort}`,
        });
      if (p.hostIp !== undefined && p.hostIp !== "") {
        const ip = normalizeIp(p.hostIp);
        if (!isIP(ip)) out.push({ path: at, reason: `host address "${p.hostIp}" is not an IP address` });
        else if (!allowed.has(ip))
          out.push({
            path: at,
            reason: `host address ${p.hostIp} is not one of this host's addresses (${[...allowed].join(", ")})`,
          });
      }
    });
  }
  return out;
}

/** Named volumes may use the built-in `local` driver, or a plugin an admin put on the allow-list. */
export function checkVolumeDrivers(spec: AppSpec, allowList: string[]): Violation[] {
  const allowed = new Set(["", "local", ...allowList.map((d) => d.trim().toLowerCase())]);
  return Object.entries(spec.volumes ?? {})
    .filter(([, v]) => !allowed.has((v?.driver ?? "").trim().toLowerCase()))
    .map(([name, v]) => ({
      path: `volumes.${name}.driver`,
      reason: `volume driver "${v.driver}" is not on the allow-list (${["local", ...allowList].join(", ")}); an admin can add it`,
    }));
}
