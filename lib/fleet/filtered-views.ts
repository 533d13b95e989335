import type { Entry } from "@/lib/fleet/entry";
import type { SortedView } from "@/lib/fleet/sorted-view";
import type { ContainerSortKey } from "@/lib/validations/fleet-views";

/** A list filter in canonical form: absent fields do not filter; `text` is trimmed, lower-cased and not empty. */
export type ViewFilter = { host?: string; state?: string; tenant?: string; project?: string; text?: string };

/** The canonical filter of a list request, or null when nothing filters (the plain sorted order serves it). */
export function viewFilter(q: {
  host?: string;
  state?: string;
  tenant?: string;
  project?: string;
  q?: string;
}): ViewFilter | null {
  const f: ViewFilter = {};
  if (q.host) f.host = q.host;
  if (q.state) f.state = q.state;
  if (q.tenant) f.tenant = q.tenant;
  if (q.project) f.project = q.project;
  const text = q.q?.trim().toLowerCase();
  if (text) f.text = text;
  return Object.keys(f).length ? f : null;
}

export function viewKey(sort: ContainerSortKey, f: ViewFilter): string {
  return [sort, f.host ?? "", f.state ?? "", f.tenant ?? "", f.project ?? "", f.text ?? ""].join("\u0000");
}

export function matchesFilter(f: ViewFilter, e: Entry): boolean {
  return (
    (!f.host || e.hostId === f.host) &&
    (!f.state || e.state === f.state) &&
    (!f.tenant || e.tenant === f.tenant) &&
    (!f.project || e.project === f.project) &&
    (!f.text || e.search.includes(f.text))
  );
}

/**
 * Whether every entry passing `narrow` also passes `wide`: the same host/state/tenant/project conditions (or none in
 * `wide`), and `wide`'s text (if any) inside `narrow`'s. A user typing "turin" then "turing" has such a pair.
 */
export function widens(wide: ViewFilter, narrow: ViewFilter): boolean {
  const same = (k: "host" | "state" | "tenant" | "project") => !wide[k] || wide[k] === narrow[k];
  return (
    same("host") &&
    same("state") &&
    same("tenant") &&
    same("project") &&
    (!wide.text || !!narrow.text?.includes(wide.text))
  );
}

/** The entry fields a filter reads (an entry's hostId never changes). */
export function filterFields(f: ViewFilter): (keyof Entry)[] {
  const fields: (keyof Entry)[] = [];
  if (f.state) fields.push("state");
  if (f.tenant) fields.push("tenant");
  if (f.project) fields.push("project");
  if (f.text) fields.push("search");
  return fields;
}

/** A view the store keeps current: `fields` are the entry fields whose change may move it in or out of the view. */
export type TrackedView = {
  sort: ContainerSortKey;
  view: SortedView;
  fields: readonly (keyof Entry)[];
  filter?: ViewFilter;
};
type Cached = TrackedView & { lastRead: number };

/**
 * The filtered views asked for recently, so a repeated filter (50 clients polling the same search) costs an
 * incremental update instead of a text scan and a sort per request. Bounded: at most `max` views (least recently
 * read dropped first), and a view not read for `idleMs` is dropped. Every cached view is updated on each change
 * of the fields it reads, so the bound also bounds the store's per-change work.
 */
export class ViewCache {
  private readonly views = new Map<string, Cached>();

  constructor(
    readonly max = 32,
    readonly idleMs = 3 * 60_000,
  ) {}

  /** The view for `key`, created when missing; counts as a read (LRU order, idle time). */
  get(key: string, create: () => TrackedView, now = Date.now()): TrackedView {
    let t = this.views.get(key);
    if (t) this.views.delete(key);
    else {
      this.sweep(now);
      while (this.views.size >= this.max) this.views.delete(this.views.keys().next().value!);
      t = { ...create(), lastRead: now };
    }
    t.lastRead = now;
    this.views.set(key, t);
    return t;
  }

  /** Without counting as a read (the background warm-up must not keep unused views alive). */
  peek(key: string): TrackedView | undefined {
    return this.views.get(key);
  }

  /** Drops the views not read for `idleMs`. Map order is least recently read first. */
  sweep(now = Date.now()) {
    for (const [key, t] of this.views) {
      if (now - t.lastRead < this.idleMs) break;
      this.views.delete(key);
    }
  }

  keys() {
    return this.views.keys();
  }

  values(): Iterable<TrackedView> {
    return this.views.values();
  }

  get size() {
    return this.views.size;
  }
}
