import "server-only";
import { db } from "@/lib/db";
import { dockerFor, readTls } from "@/lib/docker/client";

export type LocatedContainer = { hostId: string; id: string; name: string; labels: Record<string, string> };

/**
 * Finds which host runs a container, by full id, unique id prefix (≥ 12 chars) or name.
 * Asks every engine in turn (the fleet cache, when present, answers first — see lib/fleet).
 */
export async function locateContainer(idOrName: string): Promise<LocatedContainer | null> {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/.test(idOrName)) return null;
  const hosts = await db.host.findMany({ select: { id: true, url: true, tlsEncrypted: true } });
  for (const h of hosts) {
    try {
      const info = await dockerFor({ id: h.id, url: h.url, tls: readTls(h.tlsEncrypted) }).call.getContainer(idOrName).inspect();
      return { hostId: h.id, id: info.Id, name: info.Name.replace(/^\//, ""), labels: info.Config.Labels ?? {} };
    } catch {
      /* not on this host, or the host is down */
    }
  }
  return null;
}
