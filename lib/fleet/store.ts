import type { ContainerRecord } from "@/lib/docker/containers";
import type { ViewerScope } from "@/lib/fleet/scope";
import type { ContainerSortKey, FleetCounters, HostCounts, HostLiveStatus, HostStatusState } from "@/lib/fleet/types";
import type { Entry } from "@/lib/fleet/sort";
import { SortedView, type SortValue } from "@/lib/fleet/sorted-view";
import { buildHostIndex, searchHostIndex, type HostIndex } from "@/lib/fleet/host-index";

export type { Entry };
export type HostState = {
  id: string;
  name: string;
  status: HostLiveStatus;
  containers: Map<string, Entry>;
  counts: HostCounts;
  /** Per wharf.tenant label: what tenant-scoped counters add up (O(grants) per request, not O(containers)). */
  tenantCounts: Map<string, HostCounts>;
  engine: Record<string, unknown> | null;
  /** Search texts of this host's containers in one string, rebuilt on the next text query after a change. */
  index: HostIndex | null;
};

/** Where the store reports what changed; the bus coalesces these for the stream. */
export type StoreSink = { container(entry: Entry, removed: boolean, t?: number): void; host(hostId: string): void };

/** The view model only (fixed key order), whatever extra fields the record object carries. */
const toJson = (r: ContainerRecord) =>
  JSON.stringify({
    id: r.id, name: r.name, image: r.image, state: r.state, status: r.status, since: r.since, hostId: r.hostId, tenant: r.tenant, project: r.project,
    app: r.app, service: r.service, ports: r.ports, created: r.created,
  });
const isRunning = (e: { state: string }) => e.state === "running" || e.state === "paused" || e.state === "restarting";
const SORT_FIELDS: Record<ContainerSortKey, (keyof ContainerRecord)[]> = {
  name: ["name"], image: ["image"], state: ["state"], host: [], created: ["created"], tenant: ["tenant"], project: ["project"],
};

/**
 * The fleet cache: a mirror of every engine's containers, with counters kept incrementally so a counters request
 * costs O(1) for admin/ops and O(granted host×tenant pairs) for members, whatever the number of containers.
 */
export class FleetStore {
  readonly hosts = new Map<string, HostState>();
  /** Sums over hosts that are up ("live") and over the others ("stale": last known). */
  readonly live: HostCounts = { running: 0, total: 0 };
  readonly stale: HostCounts = { running: 0, total: 0 };
  readonly hostStates: Record<HostStatusState, number> = { up: 0, down: 0, reconnecting: 0 };
  /** One order per sort key asked for so far, updated in batches as containers change (see SortedView). */
  private readonly views = new Map<ContainerSortKey, SortedView>();

  constructor(private readonly sink: StoreSink) {}

  addHost(id: string, name: string) {
    if (this.hosts.has(id)) return this.renameHost(id, name);
    const status: HostLiveStatus = { state: "reconnecting", since: new Date().toISOString(), error: null };
    this.hosts.set(id, { id, name, status, containers: new Map(), counts: { running: 0, total: 0 }, tenantCounts: new Map(), engine: null, index: null });
    this.hostStates.reconnecting++;
    this.sink.host(id);
  }

  renameHost(id: string, name: string) {
    const h = this.hosts.get(id);
    if (!h || h.name === name) return;
    h.name = name;
    this.views.get("host")?.invalidate();
    this.sink.host(id);
  }

  removeHost(id: string) {
    const h = this.hosts.get(id);
    if (!h) return;
    for (const cid of [...h.containers.keys()]) this.remove(id, cid);
    this.hostStates[h.status.state]--;
    this.hosts.delete(id);
    this.sink.host(id);
  }

  setHostStatus(id: string, state: HostStatusState, error: string | null = null) {
    const h = this.hosts.get(id);
    if (!h) return;
    if (h.status.state === state) {
      if (h.status.error !== error) (h.status = { ...h.status, error }), this.sink.host(id);
      return;
    }
    const wasUp = h.status.state === "up";
    this.hostStates[h.status.state]--;
    this.hostStates[state]++;
    h.status = { state, since: new Date().toISOString(), error };
    if (wasUp !== (state === "up")) {
      // The host's containers move between live and stale sums in O(1).
      add(wasUp ? this.live : this.stale, h.counts, -1);
      add(wasUp ? this.stale : this.live, h.counts, 1);
    }
    this.sink.host(id);
  }

  get(hostId: string, id: string): Entry | undefined {
    return this.hosts.get(hostId)?.containers.get(id);
  }

  /** Adds or updates a container in place (sorted views keep pointing at the same object). */
  upsert(r: ContainerRecord, t?: number): Entry | undefined {
    const h = this.hosts.get(r.hostId);
    if (!h) return undefined;
    const prev = h.containers.get(r.id);
    const json = toJson(r);
    if (prev && prev.json === json) return prev;
    if (prev) {
      this.count(h, prev, -1);
      // Views order ties by name: a rename moves the container in every order.
      if (prev.name !== r.name) for (const v of this.views.values()) v.invalidate();
      else for (const [key, fields] of Object.entries(SORT_FIELDS)) if (fields.some((f) => prev[f] !== r[f])) this.views.get(key as ContainerSortKey)?.touch(prev);
      Object.assign(prev, r, { json, search: searchText(r) });
    } else {
      h.containers.set(r.id, { ...r, json, search: searchText(r) });
    }
    const entry = h.containers.get(r.id)!;
    if (!prev) for (const v of this.views.values()) v.touch(entry);
    h.index = null;
    this.count(h, entry, 1);
    this.sink.container(entry, false, t);
    return entry;
  }

  remove(hostId: string, id: string, t?: number) {
    const h = this.hosts.get(hostId);
    const prev = h?.containers.get(id);
    if (!h || !prev) return;
    this.count(h, prev, -1);
    h.containers.delete(id);
    h.index = null;
    for (const v of this.views.values()) v.touch(prev);
    this.sink.container(prev, true, t);
  }

  /** After a (re-)list: the host holds exactly these containers — no duplicates, no ghosts. */
  replaceHost(hostId: string, records: ContainerRecord[]) {
    const h = this.hosts.get(hostId);
    if (!h) return;
    const keep = new Set(records.map((r) => r.id));
    for (const id of [...h.containers.keys()]) if (!keep.has(id)) this.remove(hostId, id);
    for (const r of records) this.upsert(r);
  }

  private count(h: HostState, e: Entry, sign: 1 | -1) {
    const d = { running: isRunning(e) ? sign : 0, total: sign };
    add(h.counts, d, 1);
    add(h.status.state === "up" ? this.live : this.stale, d, 1);
    if (e.tenant) {
      const tc = h.tenantCounts.get(e.tenant) ?? h.tenantCounts.set(e.tenant, { running: 0, total: 0 }).get(e.tenant)!;
      add(tc, d, 1);
      if (tc.total === 0) h.tenantCounts.delete(e.tenant);
    }
  }


  counters(scope: ViewerScope): FleetCounters {
    const asOf = new Date().toISOString();
    if (scope.all) {
      let staleSince: string | null = null;
      if (this.hostStates.up !== this.hosts.size) for (const h of this.hosts.values()) if (h.status.state !== "up" && (!staleSince || h.status.since < staleSince)) staleSince = h.status.since;
      return {
        containers: { running: this.live.running, total: this.live.total, staleRunning: this.stale.running, staleTotal: this.stale.total },
        hosts: { ...this.hostStates, total: this.hosts.size }, asOf, staleSince,
      };
    }
    const c = { running: 0, total: 0, staleRunning: 0, staleTotal: 0 };
    const hosts = { up: 0, down: 0, reconnecting: 0, total: 0 };
    let staleSince: string | null = null;
    for (const [hostId, tenants] of scope.hostTenants) {
      const h = this.hosts.get(hostId);
      if (!h) continue;
      hosts.total++;
      hosts[h.status.state]++;
      const up = h.status.state === "up";
      if (!up && (!staleSince || h.status.since < staleSince)) staleSince = h.status.since;
      for (const t of tenants) {
        const tc = scope.tenantIds.has(t) ? h.tenantCounts.get(t) : undefined;
        if (!tc) continue;
        if (up) (c.running += tc.running), (c.total += tc.total);
        else (c.staleRunning += tc.running), (c.staleTotal += tc.total);
      }
    }
    return { containers: c, hosts, asOf, staleSince };
  }

  /** Every container sorted by `key` (ascending; ties by name, then id). Do not modify the returned array. */
  sortedBy(key: ContainerSortKey): Entry[] {
    let view = this.views.get(key);
    if (!view) {
      const valueOf = (e: Entry): SortValue => (key === "host" ? this.hosts.get(e.hostId)?.name ?? "" : key === "created" ? e.created : (e[key] ?? null));
      view = new SortedView(valueOf, () => this.entries(), (e) => this.hosts.get(e.hostId)?.containers.get(e.id) === e);
      this.views.set(key, view);
    }
    return view.read();
  }

  /** Containers whose search text contains `text` (lower-case), on one host or all; unordered. */
  textMatches(text: string, hostId?: string): Entry[] {
    const out: Entry[] = [];
    for (const h of hostId ? [this.hosts.get(hostId)].filter((x) => !!x) : this.hosts.values()) searchHostIndex((h.index ??= buildHostIndex(h.containers.values())), text, out);
    return out;
  }

  private *entries(): Iterable<Entry> {
    for (const h of this.hosts.values()) yield* h.containers.values();
  }

  /** By full id, unique id prefix (≥ 12) or name; null when absent or ambiguous. */
  find(idOrName: string): Entry | null {
    const matches: Entry[] = [];
    for (const h of this.hosts.values()) {
      const byId = h.containers.get(idOrName);
      if (byId) return byId;
      for (const e of h.containers.values()) if (e.name === idOrName || (idOrName.length >= 12 && e.id.startsWith(idOrName))) matches.push(e);
    }
    return matches.length === 1 ? matches[0] : null;
  }
}

function add(target: HostCounts, d: HostCounts, sign: number) {
  target.running += d.running * sign;
  target.total += d.total * sign;
}

function searchText(r: ContainerRecord): string {
  return `${r.name}\n${r.image}\n${r.id.slice(0, 12)}\n${r.status}`.toLowerCase();
}
