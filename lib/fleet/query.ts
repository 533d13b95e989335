import { canSeeContainer, type ViewerScope } from "@/lib/fleet/scope";
import type { FleetStore } from "@/lib/fleet/store";
import type { ContainerSortKey, HostLiveStatus } from "@/lib/fleet/types";

export type ContainerFilter = { host?: string; state?: string; tenant?: string; project?: string; q?: string };
export type ContainerQuery = ContainerFilter & { sort: ContainerSortKey; dir: "asc" | "desc"; offset: number; limit: number };

/**
 * One page of the containers the viewer may see, as a JSON string: rows are spliced from each entry's cached
 * JSON, so a page costs one pass over the (cached) sorted list and no re-serialization of 100k rows.
 */
export function queryContainers(store: FleetStore, scope: ViewerScope, q: ContainerQuery): string {
  const list = store.sortedBy(q.sort);
  const text = q.q?.trim().toLowerCase();
  const wanted = (i: number) => list[q.dir === "asc" ? i : list.length - 1 - i];
  const page: string[] = [];
  const hostIds = new Set<string>();
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    const e = wanted(i);
    if (q.host && e.hostId !== q.host) continue;
    if (q.state && e.state !== q.state) continue;
    if (q.tenant && e.tenant !== q.tenant) continue;
    if (q.project && e.project !== q.project) continue;
    if (text && !e.search.includes(text)) continue;
    if (!canSeeContainer(scope, e)) continue;
    if (total >= q.offset && page.length < q.limit) {
      page.push(e.json);
      hostIds.add(e.hostId);
    }
    total++;
  }
  const hosts: Record<string, { name: string; status: HostLiveStatus }> = {};
  for (const id of hostIds) {
    const h = store.hosts.get(id);
    if (h) hosts[id] = { name: h.name, status: h.status };
  }
  const rest = JSON.stringify({ total, offset: q.offset, limit: q.limit, hosts, asOf: new Date().toISOString() });
  return `{"items":[${page.join(",")}],${rest.slice(1)}`;
}
