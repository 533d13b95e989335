import type { Entry } from "@/lib/fleet/entry";

export type SortValue = string | number | null;

export const compareValues = (a: SortValue, b: SortValue) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** How many unread changes a view listing `listed` entries tracks before it gives up and rebuilds at the next read. */
export const trackingLimit = (listed: number) => 4 * (4096 + listed);

/** What a view lists when it (re)builds: exactly its members, already in order or not. */
export type ViewSource = { entries: Iterable<Entry>; sorted: boolean };

/**
 * One sort order over a set of containers (every container, or those passing a filter), kept current in batches.
 * The store reports each change twice: `beforeChange` while the entry still holds its old fields (the view finds
 * where it sits by binary search on the value it was placed with), and `afterChange` once it holds the new ones (a
 * view it now belongs to notes it). The batch is applied at the next read: dropped in one pass over the array, the
 * few new or moved entries placed by binary search. A full sort (O(n log n): 100–900 ms at 100,000 containers on the
 * 2-core VM, most of it cache misses) happens only on first use, after `invalidate`, or after the view stopped
 * tracking because more changed than it lists (so a view nobody reads never holds more than ~its size in changes).
 *
 * Order: value, then name, then id (ids are unique, so the order is total and pages are stable).
 * Memory: two arrays (entry, placed value), 16 bytes per listed entry, changed in place by each batch (a new pair
 * per batch was ~1.6 MB of garbage per view per second at 100,000 entries under churn). So the array `read`
 * returns is valid until the next `read` (callers use it synchronously).
 */
export class SortedView {
  private list: Entry[] = [];
  /** The value each listed entry was placed with (entries are updated in place; the old value is needed to find it). */
  private vals: SortValue[] = [];
  /** Changed entries → where they sat in `list` before the change (-1: not listed). */
  private readonly dirty = new Map<Entry, number>();
  private stale = true;

  constructor(
    private readonly valueOf: (e: Entry) => SortValue,
    private readonly source: () => ViewSource,
    /** Still in the store and passing the view's filter (called with old fields in beforeChange, new ones after). */
    private readonly isPresent: (e: Entry) => boolean,
  ) {}

  /**
   * Call before one of this view's fields (sort value, name, filter fields) of `e` changes, or before `e` leaves
   * the store. `renaming`: its name is about to change.
   */
  beforeChange(e: Entry, renaming = false) {
    if (this.stale) return;
    let at = this.dirty.get(e);
    if (at === undefined) {
      // Not a member before the change: nothing to drop (afterChange notes it if it becomes one).
      if (!this.isPresent(e)) return;
      at = this.find(e);
      // A member yet not listed: the view lost track of it. Never serve a wrong list: rebuild at the next read.
      if (at < 0) return this.invalidate();
      this.note(e, at);
      if (this.stale) return;
    }
    // Listed entries are compared by their current name in binary searches: a renamed one must leave the arrays now.
    if (renaming && at >= 0) this.cut(e, at);
  }

  /** Call after `e` changed or was added. */
  afterChange(e: Entry) {
    if (!this.stale && !this.dirty.has(e) && this.isPresent(e)) this.note(e, -1);
  }

  /** Built and tracking changes: `read` costs at most a merge, never a full rebuild. */
  get built(): boolean {
    return !this.stale;
  }

  invalidate() {
    this.stale = true;
    this.dirty.clear();
    // A stale view is rebuilt from scratch: drop the arrays now rather than hold them while nobody reads.
    this.list = [];
    this.vals = [];
  }

  read(): Entry[] {
    if (this.stale) this.rebuild();
    else if (this.dirty.size) this.apply();
    return this.list;
  }

  private note(e: Entry, at: number) {
    this.dirty.set(e, at);
    // Bounds the memory of a view nobody reads. Merging a batch (O(n + d log n)) stays far cheaper than a full sort
    // even when d is several times n: during a sync (~14,000 new containers per second) a looser bound kept the
    // warm-up merging instead of re-sorting ever larger lists, which blocked the event loop for ~0.6 s per order.
    if (this.dirty.size > trackingLimit(this.list.length)) this.invalidate();
  }

  /** Removes the entry at `at` right away, shifting the remembered positions after it. Rare (renames). */
  private cut(e: Entry, at: number) {
    this.list.splice(at, 1);
    this.vals.splice(at, 1);
    for (const [d, p] of this.dirty) if (p > at) this.dirty.set(d, p - 1);
    this.dirty.set(e, -1);
  }

  private rebuild() {
    const { entries, sorted } = this.source();
    const keyed: { e: Entry; v: SortValue }[] = [];
    for (const e of entries) keyed.push({ e, v: this.valueOf(e) });
    if (!sorted)
      keyed.sort(
        (a, b) =>
          compareValues(a.v, b.v) || compareValues(a.e.name, b.e.name) || compareValues(a.e.id, b.e.id),
      );
    this.list = keyed.map((k) => k.e);
    this.vals = keyed.map((k) => k.v);
    this.dirty.clear();
    this.stale = false;
  }

  /** Where `e` sits (it must hold the fields it was placed with), or -1. */
  private find(e: Entry): number {
    const at = this.lowerBound(this.valueOf(e), e.name, e.id);
    return this.list[at] === e ? at : -1;
  }

  /** First index whose (placed value, name, id) is ≥ the given one. */
  private lowerBound(v: SortValue, name: string, id: string): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.list[mid];
      if ((compareValues(this.vals[mid], v) || compareValues(m.name, name) || compareValues(m.id, id)) < 0)
        lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private apply() {
    if (this.dirty.size === 1) return this.applyOne();
    const drop: number[] = [];
    const add: { e: Entry; v: SortValue; at: number }[] = [];
    for (const [e, at] of this.dirty) {
      if (at >= 0) drop.push(at);
      if (this.isPresent(e)) add.push({ e, v: this.valueOf(e), at: 0 });
    }
    this.dirty.clear();
    drop.sort((a, b) => a - b);
    // Positions are found in the old arrays: dropped entries still sit where their placed values put them, and no
    // listed entry's name changed since it was placed (renamed ones were cut out in beforeChange).
    for (const a of add) a.at = this.lowerBound(a.v, a.e.name, a.e.id);
    add.sort(
      (x, y) =>
        x.at - y.at ||
        compareValues(x.v, y.v) ||
        compareValues(x.e.name, y.e.name) ||
        compareValues(x.e.id, y.e.id),
    );
    const { list, vals } = this;
    // In place, so a view holds one pair of arrays (a spare pair to merge into cost 16 bytes more per listed entry,
    // 64 MB at 5,000 hosts). Each addition's place, counted without the dropped entries before it; then the drops,
    // compacting forwards (never over what is still to be read); then the additions, merging backwards from the end.
    let d = 0;
    for (const a of add) {
      while (d < drop.length && drop[d] < a.at) d++;
      a.at -= d;
    }
    let w = drop.length ? drop[0] : list.length;
    d = 0;
    for (let r = w; r < list.length; r++) {
      if (d < drop.length && drop[d] === r) d++;
      else {
        list[w] = list[r];
        vals[w++] = vals[r];
      }
    }
    list.length = vals.length = w + add.length;
    let out = list.length - 1;
    let r = w - 1;
    for (let k = add.length - 1; k >= 0; out--) {
      if (r >= add[k].at) {
        list[out] = list[r];
        vals[out] = vals[r--];
      } else {
        list[out] = add[k].e;
        vals[out] = add[k--].v;
      }
    }
  }
  /**
   * One pending change, moved in place: only the entries between its old and new places shift (none when its sort
   * value did not change, e.g. a state change under the name order). The one-pass merge of `apply` walks every listed
   * entry (~0.2 ms at 20,000 entries); a read that finds a single change is the common case when requests outnumber
   * event batches, as on each of several instances (docs/scale.md, bench:ha).
   */
  private applyOne() {
    const [[e, from]] = this.dirty;
    this.dirty.clear();
    const { list, vals } = this;
    const present = this.isPresent(e);
    const v = present ? this.valueOf(e) : null;
    // Where it belongs, found while it still sits at `from` under its placed value (the arrays are still sorted).
    let to = present ? this.lowerBound(v, e.name, e.id) : list.length;
    if (from >= 0) {
      // Out of its old place: everything after it up to its new place moves one left.
      if (to > from) to--;
      const end = present ? to : list.length - 1;
      for (let i = from; i < end; i++) {
        list[i] = list[i + 1];
        vals[i] = vals[i + 1];
      }
      if (!present) {
        list.length = vals.length = list.length - 1;
        return;
      }
      for (let i = from; i > to; i--) {
        list[i] = list[i - 1];
        vals[i] = vals[i - 1];
      }
    } else {
      if (!present) return;
      for (let i = list.length; i > to; i--) {
        list[i] = list[i - 1];
        vals[i] = vals[i - 1];
      }
    }
    list[to] = e;
    vals[to] = v;
  }
}
