import { describe, expect, it, vi } from "vitest";
import type { ContainerRecord } from "@/lib/docker/containers";
import {
  CONTAINER_SORT_KEYS,
  type ContainerSortKey,
  type ContainerState,
} from "@/lib/validations/fleet-views";
import { ViewCache, viewFilter, viewKey, widens, type ViewFilter } from "./filtered-views";
import { pageJson, queryContainers, type ContainerQuery } from "./query";
import { canSeeContainer, type ViewerScope } from "./scope";
import { compareValues, SortedView } from "./sorted-view";
import { FleetStore, type Entry } from "./store";

/** A tiny seeded generator, so a failure repeats. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** The list query as it was before filtered views: filter every entry, then a full sort (the reference). */
function referenceQuery(store: FleetStore, scope: ViewerScope, q: ContainerQuery): string {
  const text = q.q?.trim().toLowerCase();
  const value = (e: Entry) =>
    q.sort === "host"
      ? store.hosts.get(e.hostId)!.name
      : q.sort === "created"
        ? e.created
        : (e[q.sort] ?? null);
  const list = [...store.hosts.values()]
    .flatMap((h) => [...h.containers.values()])
    .filter(
      (e) =>
        (!q.host || e.hostId === q.host) &&
        (!q.state || e.state === q.state) &&
        (!q.tenant || e.tenant === q.tenant) &&
        (!q.project || e.project === q.project) &&
        (!text || e.search.includes(text)) &&
        canSeeContainer(scope, e),
    )
    .sort(
      (a, b) =>
        compareValues(value(a), value(b)) || compareValues(a.name, b.name) || compareValues(a.id, b.id),
    );
  return pageJson(store, list, q);
}
const withoutAsOf = (json: string) => json.replace(/"asOf":"[^"]*"/, '"asOf":""');

const HOSTS = ["h0", "h1", "h2", "h3"];
const STATES: ContainerState[] = ["running", "exited", "created", "paused"];
const NOUNS = ["turing", "hopper", "curie", "euler"];

function randomStore(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const store = new FleetStore({ container: () => {}, host: () => {} });
  for (const h of HOSTS) {
    store.addHost(h, `host-${h}`);
    store.setHostStatus(h, "up");
  }
  let next = 0;
  const state = (): Pick<ContainerRecord, "state" | "status"> => {
    const s = pick(STATES);
    return {
      state: s,
      status: s === "running" ? "Up" : s === "exited" ? `Exited (${pick([0, 1, 137])})` : s,
    };
  };
  const record = (hostId: string): ContainerRecord => {
    const tenant = r() < 0.5 ? pick(["t0", "t1"]) : null;
    const id = `c${(next++).toString(16).padStart(6, "0")}`;
    return {
      id,
      name: `${pick(["brave", "calm", "Web"])}_${pick(NOUNS)}_${Math.floor(r() * 50)}`,
      image: pick(["nginx:1.25", "redis:7", "busybox:latest"]),
      ...state(),
      since: null,
      hostId,
      tenant,
      project: tenant ? `${tenant}-p${Math.floor(r() * 2)}` : null,
      app: null,
      service: null,
      ports: [],
      created: 1000 + Math.floor(r() * 20),
      labels: tenant ? { "wharf.tenant": tenant } : {},
    };
  };
  const all = () => [...store.hosts.values()].flatMap((h) => [...h.containers.values()]);
  /** One random change, like an engine event or a re-list. */
  const change = () => {
    const entries = all();
    const e = entries.length ? pick(entries) : null;
    const op = r();
    const asRecord = ({ search: _search, ...x }: Entry): ContainerRecord => x;
    if (!e || op < 0.3) store.upsert(record(pick(HOSTS)));
    else if (op < 0.5) store.remove(e.hostId, e.id);
    else if (op < 0.75)
      store.upsert({ ...asRecord(e), ...state() }); // start/die/stop: enters or leaves state and text filters
    else if (op < 0.85)
      store.upsert({
        ...asRecord(e),
        name: `${pick(["brave", "calm", "Web"])}_${pick(NOUNS)}_${Math.floor(r() * 50)}`,
      });
    // rename
    else if (op < 0.93) store.upsert({ ...asRecord(e), image: pick(["nginx:1.25", "redis:7", "alpine"]) });
    else if (op < 0.96) store.renameHost(e.hostId, `host-${Math.floor(r() * 10)}`);
    else {
      // A re-list: some containers gone, one new, the rest unchanged.
      const h = store.hosts.get(e.hostId)!;
      store.replaceHost(
        h.id,
        [...h.containers.values()]
          .filter(() => r() < 0.8)
          .map(asRecord)
          .concat(record(h.id)),
      );
    }
  };
  for (let i = 0; i < 400; i++) store.upsert(record(pick(HOSTS)));
  return { store, change, r, pick };
}

const FILTERS: ContainerQuery[] = [
  { q: "turing" },
  { q: "  TURING " },
  { state: "running" },
  { host: "h2" },
  { tenant: "t1", q: "web" },
  { q: "exited (1" },
  { project: "t0-p1" },
  { host: "h1", state: "exited" },
  { q: "busybox", state: "created" },
].map((f) => ({ ...f, sort: "name", dir: "asc", offset: 0, limit: 20 }));

describe("filtered views", () => {
  it("stay equal to filter + full sort, and queryContainers to the old query, through random changes", () => {
    const { store, change, r, pick } = randomStore(11);
    // Two tenants (t0 has no host): the single-tenant shortcut, which adds views of its own, is tested below.
    const member: ViewerScope = {
      all: false,
      tenantIds: new Set(["t0", "t1"]),
      hostTenants: new Map([
        ["h1", new Set(["t1"])],
        ["h2", new Set(["t1"])],
      ]),
    };
    // 27 (filter, sort) pairs, every sort key among them: fewer than the cache holds, so views live through the whole run.
    const queries = FILTERS.flatMap((f, i) =>
      [0, 2, 4].map((d) => ({ ...f, sort: CONTAINER_SORT_KEYS[(i + d) % CONTAINER_SORT_KEYS.length] })),
    );
    // A view rebuilds only when first asked for, or when a host rename reorders the host order; never because it lost track.
    const invalidated: unknown[] = [];
    const spy = vi.spyOn(SortedView.prototype, "invalidate").mockImplementation(function (this: SortedView) {
      invalidated.push(this);
      invalidateOriginal.call(this);
    });
    let compared = 0;
    try {
      for (let round = 0; round < 500; round++) {
        for (let k = Math.floor(r() * 6); k >= 0; k--) change();
        for (let k = 0; k < 4; k++) {
          const q: ContainerQuery = {
            ...pick(queries),
            dir: pick(["asc", "desc"] as const),
            offset: pick([0, 0, 5]),
          };
          const scope = r() < 0.8 ? ({ all: true } as const) : member;
          expect(withoutAsOf(queryContainers(store, scope, q))).toBe(
            withoutAsOf(referenceQuery(store, scope, q)),
          );
          const ids = store.filteredBy(q.sort, viewFilter(q)!).map((e) => e.id);
          expect(ids).toEqual(
            JSON.parse(
              referenceQuery(store, { all: true }, { ...q, dir: "asc", offset: 0, limit: 1e9 }),
            ).items.map((i: { id: string }) => i.id),
          );
          compared += ids.length;
        }
      }
    } finally {
      spy.mockRestore();
    }
    expect(compared).toBeGreaterThan(10_000); // the filters matched something
    const hostViews = new Set(
      [...cacheOf(store).values(), ...baseViewsOf(store).values()]
        .filter((t) => t.sort === "host")
        .map((t) => t.view),
    );
    expect(invalidated.length).toBeGreaterThan(0); // host renames happened
    expect(invalidated.filter((v) => !hostViews.has(v as SortedView))).toEqual([]);
  });

  it("serve a single-tenant member from that tenant's list, equal to the old query", () => {
    const { store, change, r, pick } = randomStore(5);
    const member: ViewerScope = {
      all: false,
      tenantIds: new Set(["t1"]),
      hostTenants: new Map([
        ["h1", new Set(["t1"])],
        ["h3", new Set(["t1"])],
      ]),
    };
    let rows = 0;
    for (let round = 0; round < 300; round++) {
      for (let k = Math.floor(r() * 6); k >= 0; k--) change();
      const q: ContainerQuery = {
        ...pick([{}, ...FILTERS]),
        sort: pick(CONTAINER_SORT_KEYS),
        dir: pick(["asc", "desc"] as const),
        offset: pick([0, 3]),
        limit: 20,
      };
      const got = withoutAsOf(queryContainers(store, member, q));
      expect(got).toBe(withoutAsOf(referenceQuery(store, member, q)));
      rows += JSON.parse(got).items.length;
    }
    expect(rows).toBeGreaterThan(500); // the member saw something
    // The member's lists are tenant-filtered views (key: sort, host, state, tenant, …).
    expect([...cacheOf(store).keys()].some((k) => k.split("\u0000")[3] === "t1")).toBe(true);
  });

  it("build a narrower filter from a cached wider one (typing on, or another sort), equal to filter + full sort", () => {
    const { store, change, r } = randomStore(9);
    const scan = vi.spyOn(store, "textMatches");
    const typed = ["t", "tu", "tur", "turi", "turin", "turing"];
    for (const [i, text] of typed.entries()) {
      for (let k = Math.floor(r() * 20); k >= 0; k--) change();
      const sort = i % 2 ? "image" : "name";
      const ids = store.filteredBy(sort, { text }).map((e) => e.id);
      expect(ids).toEqual(
        JSON.parse(
          referenceQuery(store, { all: true }, { q: text, sort, dir: "asc", offset: 0, limit: 1e9 }),
        ).items.map((x: { id: string }) => x.id),
      );
    }
    expect(store.filteredBy("name", { text: "turing" }).length).toBeGreaterThan(0);
    expect(scan).toHaveBeenCalledTimes(1); // only "t" scanned the text index; the rest narrowed a cached list
    expect(widens({ text: "tur", state: "running" }, { text: "turing" })).toBe(false);
    expect(widens({ text: "tur" }, { text: "turing", state: "running" })).toBe(true);
  });

  it("are reused across requests and updated in place (no rebuild per request)", () => {
    const { store, change } = randomStore(3);
    const f: ViewFilter = { text: "turing" };
    const first = store.filteredBy("image", f);
    const view = cacheOf(store).peek(viewKey("image", f))!.view;
    // Private members are reached with element access (TypeScript allows it, for tests like this one).
    const rebuild = vi.fn(view["rebuild"].bind(view));
    view["rebuild"] = rebuild;
    let changed = 0;
    let seen = first.map((e) => e.id).join();
    for (let i = 0; i < 100; i++) {
      change();
      const list = store.filteredBy("image", f);
      expect(list).toBe(first); // the same array, changed in place
      const now = list.map((e) => e.id).join();
      if (now !== seen) changed++;
      seen = now;
    }
    expect(rebuild).not.toHaveBeenCalled();
    expect(changed).toBeGreaterThan(0); // changes did reach it
  });

  it("warm-up steps: none on an empty store, else one per sort key and per cached view, which they bring current", () => {
    const store = new FleetStore({ container: () => {}, host: () => {} });
    expect(store.warmSteps()).toEqual([]);
    const { store: s, change } = randomStore(5);
    s.filteredBy("name", { text: "turing" });
    s.filteredBy("state", { host: "h1" });
    for (let i = 0; i < 50; i++) change();
    const steps = s.warmSteps();
    expect(steps).toHaveLength(CONTAINER_SORT_KEYS.length + 2);
    for (const step of steps) step();
    const views = [...baseViewsOf(s).values(), ...cacheOf(s).values()];
    expect(views.map((t) => t.sort).sort()).toEqual([...CONTAINER_SORT_KEYS, "name", "state"].sort());
    expect(views.map((t) => t.view["dirty"].size)).toEqual(views.map(() => 0));
  });
});

describe("ViewCache", () => {
  const make =
    (sort: ContainerSortKey = "name") =>
    () => ({
      sort,
      view: new SortedView(
        () => null,
        () => ({ entries: [], sorted: true }),
        () => false,
      ),
      fields: [],
    });

  it("keeps at most `max` views, dropping the least recently read", () => {
    const cache = new ViewCache(3, 60_000);
    for (const k of ["a", "b", "c"]) cache.get(k, make(), 0);
    cache.get("a", make(), 1); // read again: now the most recent
    cache.get("d", make(), 2);
    expect([...cache.keys()]).toEqual(["c", "a", "d"]);
  });

  it("drops views not read for idleMs, even when only the warm-up looked at them", () => {
    const cache = new ViewCache(32, 1000);
    const a = cache.get("a", make(), 0);
    cache.get("b", make(), 500);
    expect(cache.peek("a")).toBe(a); // a peek is not a read
    cache.sweep(1200);
    expect([...cache.keys()]).toEqual(["b"]);
    expect(cache.get("a", make(), 1300)).not.toBe(a);
    cache.sweep(10_000);
    expect(cache.size).toBe(0);
  });

  it("a store updates only the views still cached", () => {
    const { store, change } = randomStore(9);
    const dirtyOf = (v: SortedView) => v["dirty"].size;
    store.filteredBy("name", { state: "running" });
    const evicted = cacheOf(store).peek(viewKey("name", { state: "running" }))!.view;
    for (let i = 0; i < 31; i++) store.filteredBy("name", { text: `_${i}` });
    store.filteredBy("image", { state: "running" });
    const kept = cacheOf(store).peek(viewKey("image", { state: "running" }))!.view;
    expect(cacheOf(store).size).toBe(32);
    expect(cacheOf(store).peek(viewKey("name", { state: "running" }))).toBeUndefined();
    for (let i = 0; i < 100; i++) change();
    expect(dirtyOf(evicted)).toBe(0);
    expect(dirtyOf(kept)).toBeGreaterThan(0);
  });
});

const cacheOf = (store: FleetStore) => store["filtered"];
const baseViewsOf = (store: FleetStore) => store["views"];
const invalidateOriginal = SortedView.prototype.invalidate;
