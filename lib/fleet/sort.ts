import type { ContainerRecord } from "@/lib/docker/containers";
import type { ContainerSortKey } from "@/lib/fleet/types";

/** A cached container: the record, its pre-serialized JSON (lists are served without re-serializing), a search text. */
export type Entry = ContainerRecord & { json: string; search: string };

const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/** Ascending by key, ties broken by name then id so pages are stable. */
export function sortEntries(list: Entry[], key: ContainerSortKey, hostName: (id: string) => string): Entry[] {
  const value = (e: Entry): string | number | null => (key === "host" ? hostName(e.hostId) : key === "created" ? e.created : (e[key] ?? null));
  const keyed = list.map((e) => ({ e, v: value(e) }));
  keyed.sort((a, b) => cmp(a.v, b.v) || cmp(a.e.name, b.e.name) || cmp(a.e.id, b.e.id));
  return keyed.map((k) => k.e);
}
