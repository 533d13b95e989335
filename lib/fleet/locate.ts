import "server-only";
import { db } from "@/lib/db";
import { dockerFor } from "@/lib/docker/client";
import { connectionOf } from "@/lib/docker/host-connection";
import { ownedWharfLabels } from "@/lib/docker/owned-labels";
import { getFleet } from "@/lib/fleet/service";

/** `labels` holds the proved Wharf labels (`wharf.*`, lib/docker/owner-proof.ts), which the scoping rule reads; no other. */
export type LocatedContainer = { hostId: string; id: string; name: string; labels: Record<string, string> };

/**
 * Finds which host runs a container, by full id, unique id prefix (≥ 12 chars) or name.
 * The fleet cache answers first (no engine round trip); a container it does not know yet (created a moment ago,
 * or on a host that is down) is looked up on the engines in turn.
 */
export async function locateContainer(idOrName: string): Promise<LocatedContainer | null> {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/.test(idOrName)) return null;
  const cached = getFleet().store.find(idOrName);
  if (cached) return { hostId: cached.hostId, id: cached.id, name: cached.name, labels: cached.labels };
  const hosts = await db.host.findMany({ select: { id: true, url: true, tlsEncrypted: true } });
  for (const h of hosts) {
    try {
      const info = await dockerFor(connectionOf(h)).call.getContainer(idOrName).inspect();
      const name = info.Name.replace(/^\//, "");
      return { hostId: h.id, id: info.Id, name, labels: ownedWharfLabels(name, info.Config.Labels) };
    } catch {
      /* not on this host, or the host is down */
    }
  }
  return null;
}
