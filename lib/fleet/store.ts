import type { ContainerRecord } from "@/lib/docker/containers";
import { forgetRow, makeEntry, sameView, type Entry } from "@/lib/fleet/entry";
import {
  ViewCache,
  filterFields,
  matchesFilter,
  viewKey,
  widens,
  type TrackedView,
  type ViewFilter,
} from "@/lib/fleet/filtered-views";
import { buildHostIndex, searchHostIndex, type HostIndex } from "@/lib/fleet/host-index";
import type { ViewerScope } from "@/lib/fleet/scope";
import { SortedView, type SortValue, type ViewSource } from "@/lib/fleet/sorted-view";
import {
  CONTAINER_SORT_KEYS,
  type ContainerSortKey,
  type FleetCounters,
  type HostCounts,
  type HostLiveStatus,
  type HostStatusState,
} from "@/lib/validations/fleet-views";
import type { EngineInfoView } from "@/lib/validations/host";

export type { Entry };
export type HostState = {
  id: string;
  name: string;
  status: HostLiveStatus;
  containers: Map<string, Entry>;
  counts: HostCounts;
  /** Per wharf.tenant label: what tenant-scoped counters add up (O(grants) per request, not O(containers)). */
  tenantCounts: Map<string, HostCounts>;
  engine: EngineInfoView | null;
  /** Search texts of this host's containers in one string, rebuilt on the next text query after a change. */
  index: HostIndex | null;
  /** The last engine event applied: when (ms since the epoch) and how long after the engine stamped it. */
  lastEvent: { at: number; lagMs: number } | null;
};

/** Where the store reports what changed; the bus coalesces these for the stream. */
export type StoreSink = {
  container(entry: Entry, removed: boolean, t?: number): void;
  host(hostId: string): void;
};

const isRunning = (e: { state: string }) =>
  e.state === "running" || e.state === "paused" || e.state === "restarting";
/** The fields each order reads: its value, then the name (ties). The host order reads the host's name. */
const SORT_FIELDS: Record<ContainerSortKey, (keyof Entry)[]> = {
  name: ["name"],
  image: ["image", "name"],
  state: ["state", "name"],
  host: ["name"],
  created: ["created", "name"],
  tenant: ["tenant", "name"],
  project: ["project", "name"],
  app: ["app", "name"],
};
/** Above this many candidates, a filtered view is built by walking the (current) full order instead of sorting them. */
const SORT_MATCHES_MAX = 20_000;

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
  private readonly views = new Map<ContainerSortKey, TrackedView>();
  /** Filtered orders asked for recently (see ViewCache). */
  private readonly filtered = new ViewCache();

  constructor(private readonly sink: StoreSink) {}

  addHost(id: string, name: string) {
    if (this.hosts.has(id)) return this.renameHost(id, name);
    const status: HostLiveStatus = { state: "reconnecting", since: new Date().toISOString(), error: null };
    this.hosts.set(id, {
      id,
      name,
      status,
      containers: new Map(),
      counts: { running: 0, total: 0 },
      tenantCounts: new Map(),
      engine: null,
      index: null,
      lastEvent: null,
    });
    this.hostStates.reconnecting++;
    this.sink.host(id);
  }

  renameHost(id: string, name: string) {
    const h = this.hosts.get(id);
    if (!h || h.name === name) return;
    h.name = name;
    for (const t of this.tracked()) if (t.sort === "host") t.view.invalidate();
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
      if (h.status.error !== error) {
        h.status = { ...h.status, error };
        this.sink.host(id);
      }
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

  /** An engine event stamped `engineTimeMs` was applied now: the event lag /metrics reports (docs/metrics.md). */
  noteEvent(hostId: string, engineTimeMs: number, now = Date.now()) {
    const h = this.hosts.get(hostId);
    // Engines' clocks may run ahead of ours: a negative lag is clock skew, not speed.
    if (h) h.lastEvent = { at: now, lagMs: Math.max(0, now - engineTimeMs) };
  }

  /**
   * A host's container counts: all of them (admin and ops), or the sum over `tenants`, the tenants whose containers
   * the viewer sees on this host (theirs, granted here): a member of two tenants never counts a third's. O(tenants).
   */
  hostCounts(h: HostState, tenants?: Iterable<string>): HostCounts {
    if (!tenants) return { running: h.counts.running, total: h.counts.total };
    const sum = { running: 0, total: 0 };
    for (const t of tenants) {
      const c = h.tenantCounts.get(t);
      if (c) [sum.running, sum.total] = [sum.running + c.running, sum.total + c.total];
    }
    return sum;
  }

  get(hostId: string, id: string): Entry | undefined {
    return this.hosts.get(hostId)?.containers.get(id);
  }

  /** Adds or updates a container in place (sorted views keep pointing at the same object). */
  upsert(r: ContainerRecord, t?: number): Entry | undefined {
    const h = this.hosts.get(r.hostId);
    if (!h) return undefined;
    const prev = h.containers.get(r.id);
    if (prev && sameView(prev, r)) return prev;
    const next = makeEntry(r, h.id);
    if (prev) {
      this.count(h, prev, -1);
      // Only the views that read a changed field hear of it: before (to find it where it sits) and after the change.
      const changed = (f: keyof Entry) => prev[f] !== next[f];
      const affected: SortedView[] = [];
      for (const t of this.tracked()) if (t.fields.some(changed)) affected.push(t.view);
      for (const v of affected) v.beforeChange(prev, prev.name !== r.name);
      forgetRow(prev);
      Object.assign(prev, next);
      for (const v of affected) v.afterChange(prev);
    } else {
      h.containers.set(r.id, next);
      for (const t of this.tracked()) t.view.afterChange(next);
    }
    const entry = h.containers.get(r.id)!;
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
    for (const t of this.tracked()) t.view.beforeChange(prev);
    forgetRow(prev);
    h.containers.delete(id);
    h.index = null;
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
      const tc =
        h.tenantCounts.get(e.tenant) ?? h.tenantCounts.set(e.tenant, { running: 0, total: 0 }).get(e.tenant)!;
      add(tc, d, 1);
      if (tc.total === 0) h.tenantCounts.delete(e.tenant);
    }
  }

  counters(scope: ViewerScope): FleetCounters {
    const asOf = new Date().toISOString();
    if (scope.all) {
      let staleSince: string | null = null;
      if (this.hostStates.up !== this.hosts.size)
        for (const h of this.hosts.values())
          if (h.status.state !== "up" && (!staleSince || h.status.since < staleSince))
            staleSince = h.status.since;
      return {
        containers: {
          running: this.live.running,
          total: this.live.total,
          staleRunning: this.stale.running,
          staleTotal: this.stale.total,
        },
        hosts: { ...this.hostStates, total: this.hosts.size },
        asOf,
        staleSince,
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
        if (up) {
          c.running += tc.running;
          c.total += tc.total;
        } else {
          c.staleRunning += tc.running;
          c.staleTotal += tc.total;
        }
      }
    }
    return { containers: c, hosts, asOf, staleSince };
  }

  /** Every container sorted by `key` (ascending; ties by name, then id). Do not modify the returned array. */
  sortedBy(key: ContainerSortKey): Entry[] {
    let t = this.views.get(key);
    if (!t) {
      const view = new SortedView(
        this.valueFor(key),
        () => ({ entries: this.entries(), sorted: false }),
        (e) => this.has(e),
      );
      this.views.set(key, (t = { sort: key, view, fields: SORT_FIELDS[key] }));
    }
    return t.view.read();
  }

  /**
   * The containers passing `filter`, sorted by `key` like `sortedBy`. Cached per (key, filter) and kept current
   * incrementally, so a repeated query costs the changes since its last read. Do not modify the returned array.
   */
  filteredBy(key: ContainerSortKey, filter: ViewFilter): Entry[] {
    const make = () => {
      const matches = (e: Entry) => matchesFilter(filter, e);
      const source = (): ViewSource => {
        // A cached view that holds every match (the same filter under another sort, or a shorter text the user typed
        // before): filter its list. Else few candidates (a text or host filter): sort them. Many: walk the full order.
        const wider = this.widestMatchFor(filter, view);
        if (wider) return { entries: wider.list.filter(matches), sorted: wider.sort === key };
        const found = filter.text
          ? this.textMatches(filter.text, filter.host)
          : filter.host
            ? [...(this.hosts.get(filter.host)?.containers.values() ?? [])]
            : null;
        if (found && found.length <= SORT_MATCHES_MAX)
          return { entries: found.filter(matches), sorted: false };
        return { entries: this.sortedBy(key).filter(matches), sorted: true };
      };
      const view = new SortedView(this.valueFor(key), source, (e) => matches(e) && this.has(e));
      return { sort: key, view, fields: [...SORT_FIELDS[key], ...filterFields(filter)], filter };
    };
    return this.filtered.get(viewKey(key, filter), make).view.read();
  }

  /**
   * One step per order to bring current (every sort key, and the cached filtered views), for a background warm-up
   * that runs them one per macrotask; empty when the store is. Drops filtered views idle for too long.
   */
  warmSteps(): (() => void)[] {
    this.filtered.sweep();
    if (this.live.total + this.stale.total === 0) return [];
    const steps = CONTAINER_SORT_KEYS.map((k) => () => void this.sortedBy(k));
    for (const key of [...this.filtered.keys()]) steps.push(() => void this.filtered.peek(key)?.view.read());
    return steps;
  }

  /**
   * The smallest cached filtered list that contains every entry passing `filter` (brought current), if any. Only
   * views already built qualify (never `self`), so building one never builds another.
   */
  private widestMatchFor(
    filter: ViewFilter,
    self: SortedView,
  ): { list: Entry[]; sort: ContainerSortKey } | null {
    let best: { list: Entry[]; sort: ContainerSortKey } | null = null;
    for (const t of this.filtered.values()) {
      if (t.view === self || !t.view.built || !t.filter || !widens(t.filter, filter)) continue;
      const list = t.view.read();
      if (!best || list.length < best.list.length) best = { list, sort: t.sort };
    }
    return best;
  }

  private valueFor(key: ContainerSortKey): (e: Entry) => SortValue {
    if (key === "host") return (e) => this.hosts.get(e.hostId)?.name ?? "";
    return (e) => e[key] ?? null;
  }

  private has(e: Entry): boolean {
    return this.hosts.get(e.hostId)?.containers.get(e.id) === e;
  }

  private *tracked(): Iterable<TrackedView> {
    yield* this.views.values();
    yield* this.filtered.values();
  }

  /** Containers whose search text contains `text` (lower-case), on one host or all; unordered. */
  textMatches(text: string, hostId?: string): Entry[] {
    const out: Entry[] = [];
    for (const h of hostId ? [this.hosts.get(hostId)].filter((x) => !!x) : this.hosts.values())
      searchHostIndex((h.index ??= buildHostIndex(h.containers.values())), text, out);
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
      for (const e of h.containers.values())
        if (e.name === idOrName || (idOrName.length >= 12 && e.id.startsWith(idOrName))) matches.push(e);
    }
    return matches.length === 1 ? matches[0] : null;
  }
}

function add(target: HostCounts, d: HostCounts, sign: number) {
  target.running += d.running * sign;
  target.total += d.total * sign;
}
