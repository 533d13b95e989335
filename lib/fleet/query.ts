import { canSeeContainer, type ViewerScope } from "@/lib/fleet/scope";
import type { Entry, FleetStore } from "@/lib/fleet/store";
import { sortEntries } from "@/lib/fleet/sort";
import type { ContainerSortKey, HostLiveStatus } from "@/lib/fleet/types";

export type ContainerFilter = { host?: string; state?: string; tenant?: string; project?: string; q?: string };
export type ContainerQuery = ContainerFilter & { sort: ContainerSortKey; dir: "asc" | "desc"; offset: number; limit: number };

/** Above this many matches, ordering them by sorting costs more than walking the (cached) sorted list. */
const SORT_MATCHES_MAX = 20_000;

/** The containers the viewer may see that pass the filter, in sort order (ascending). */
function orderedMatches(store: FleetStore, scope: ViewerScope, q: ContainerQuery): Entry[] {
  const text = q.q?.trim().toLowerCase();
  if (!q.host && !q.state && !q.tenant && !q.project && !text) {
    const list = store.sortedBy(q.sort);
    return scope.all ? list : list.filter((e) => canSeeContainer(scope, e));
  }
  const matches = (e: Entry) =>
    (!q.host || e.hostId === q.host) && (!q.state || e.state === q.state) && (!q.tenant || e.tenant === q.tenant) && (!q.project || e.project === q.project) &&
    (!text || e.search.includes(text)) && canSeeContainer(scope, e);
  // Filter host by host first: a host's entries were allocated together, so this touches memory far more
  // sequentially than walking a list sorted by name (measured 2–3× faster at 100k on the 2-core VM).
  // A text filter reads the per-host search strings and only the entries that contain the text.
  const found = text ? store.textMatches(text, q.host).filter(matches) : [];
  if (!text) {
    for (const h of store.hosts.values()) {
      if (q.host && h.id !== q.host) continue;
      for (const e of h.containers.values()) if (matches(e)) found.push(e);
      if (found.length > SORT_MATCHES_MAX) return store.sortedBy(q.sort).filter(matches);
    }
  }
  if (found.length > SORT_MATCHES_MAX) return store.sortedBy(q.sort).filter(matches);
  return sortEntries(found, q.sort, (id) => store.hosts.get(id)?.name ?? "");
}

/**
 * One page of the containers the viewer may see, as a JSON string: rows are spliced from each entry's cached
 * JSON, so a page never re-serializes 100k rows.
 */
export function queryContainers(store: FleetStore, scope: ViewerScope, q: ContainerQuery): string {
  const list = orderedMatches(store, scope, q);
  const total = list.length;
  const page: string[] = [];
  const hostIds = new Set<string>();
  for (let i = q.offset; i < Math.min(total, q.offset + q.limit); i++) {
    const e = list[q.dir === "asc" ? i : total - 1 - i];
    page.push(e.json);
    hostIds.add(e.hostId);
  }
  const hosts: Record<string, { name: string; status: HostLiveStatus }> = {};
  for (const id of hostIds) {
    const h = store.hosts.get(id);
    if (h) hosts[id] = { name: h.name, status: h.status };
  }
  const rest = JSON.stringify({ total, offset: q.offset, limit: q.limit, hosts, asOf: new Date().toISOString() });
  return `{"items":[${page.join(",")}],${rest.slice(1)}`;
}
