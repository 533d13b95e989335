import { rowJson } from "@/lib/fleet/entry";
import { viewFilter } from "@/lib/fleet/filtered-views";
import { canSeeContainer, type ViewerScope } from "@/lib/fleet/scope";
import type { Entry, FleetStore } from "@/lib/fleet/store";
import type { ContainerSortKey, HostLiveStatus } from "@/lib/validations/fleet-views";

export type ContainerFilter = {
  host?: string;
  state?: string;
  tenant?: string;
  project?: string;
  q?: string;
};
export type ContainerQuery = ContainerFilter & {
  sort: ContainerSortKey;
  dir: "asc" | "desc";
  offset: number;
  limit: number;
};

/**
 * The containers the viewer may see that pass the filter, in sort order (ascending). The store keeps the sorted
 * (and filtered) lists across requests; only a member's scope is applied per request.
 */
function orderedMatches(store: FleetStore, scope: ViewerScope, q: ContainerQuery): Entry[] {
  // A member sees only containers labelled with one of their tenants: with a single tenant (the usual case), start
  // from that tenant's cached list rather than filtering the whole fleet per request.
  const onlyTenant =
    !scope.all && scope.tenantIds.size === 1 && !q.tenant ? scope.tenantIds.values().next().value : undefined;
  const filter = viewFilter(onlyTenant ? { ...q, tenant: onlyTenant } : q);
  const list = filter ? store.filteredBy(q.sort, filter) : store.sortedBy(q.sort);
  return scope.all ? list : list.filter((e) => canSeeContainer(scope, e));
}

/**
 * One page of the containers the viewer may see, as a JSON string: only the page's rows are serialized.
 */
export function queryContainers(store: FleetStore, scope: ViewerScope, q: ContainerQuery): string {
  return pageJson(store, orderedMatches(store, scope, q), q);
}

/** The page `q` asks for of a list in ascending order, with the hosts its rows are on (tests share it too). */
export function pageJson(store: FleetStore, list: Entry[], q: ContainerQuery): string {
  const total = list.length;
  const page: string[] = [];
  const hostIds = new Set<string>();
  for (let i = q.offset; i < Math.min(total, q.offset + q.limit); i++) {
    const e = list[q.dir === "asc" ? i : total - 1 - i];
    page.push(rowJson(e));
    hostIds.add(e.hostId);
  }
  const hosts: Record<string, { name: string; status: HostLiveStatus }> = {};
  for (const id of hostIds) {
    const h = store.hosts.get(id);
    if (h) hosts[id] = { name: h.name, status: h.status };
  }
  const rest = JSON.stringify({
    total,
    offset: q.offset,
    limit: q.limit,
    hosts,
    asOf: new Date().toISOString(),
  });
  return `{"items":[${page.join(",")}],${rest.slice(1)}`;
}
