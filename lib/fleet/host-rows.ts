/**
 * What the fleet must change so that it follows exactly the hosts in the database: another instance may have added,
 * renamed, re-pointed or removed one (issue 20: every instance keeps its own mirror). Pure, for the unit test.
 * `known`: what this process follows, by host id, with the row's connection text (url + stored TLS) and name.
 */
export type HostRow = { id: string; name: string; url: string; tlsEncrypted: string | null };
export type Followed = { connection: string; name: string };

export const connectionText = (h: HostRow) => `${h.url}\n${h.tlsEncrypted ?? ""}`;

export function hostChanges(known: ReadonlyMap<string, Followed>, rows: HostRow[]) {
  const follow: HostRow[] = [];
  const rename: HostRow[] = [];
  for (const r of rows) {
    const k = known.get(r.id);
    if (!k || k.connection !== connectionText(r)) follow.push(r);
    else if (k.name !== r.name) rename.push(r);
  }
  const present = new Set(rows.map((r) => r.id));
  const unfollow = [...known.keys()].filter((id) => !present.has(id));
  return { follow, rename, unfollow };
}
