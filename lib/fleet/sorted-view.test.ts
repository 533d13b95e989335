import { describe, expect, it } from "vitest";
import { containerRecord } from "@/lib/fleet/record-fixture";
import { makeEntry, type Entry } from "./entry";
import { SortedView, compareValues, trackingLimit } from "./sorted-view";

const entry = (id: string, name: string, image: string): Entry =>
  makeEntry(containerRecord(id, "h", { name, image }), "h");

/** A tiny seeded generator, so a failure repeats. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const byImage = (a: Entry, b: Entry) =>
  compareValues(a.image, b.image) || compareValues(a.name, b.name) || compareValues(a.id, b.id);

/** A view over `all` (ordered by image), with an optional filter, built the way the store builds one. */
function setup(filter: (e: Entry) => boolean = () => true) {
  const all = new Map<string, Entry>();
  let rebuilds = 0;
  const present = (e: Entry) => all.get(e.id) === e && filter(e);
  const source = () => (rebuilds++, { entries: [...all.values()].filter(present), sorted: false });
  const view = new SortedView((e) => e.image, source, present);
  const expected = () =>
    [...all.values()]
      .filter(filter)
      .sort(byImage)
      .map((e) => e.id);
  const add = (e: Entry) => (all.set(e.id, e), view.afterChange(e));
  const change = (e: Entry, to: Partial<Entry>) => {
    view.beforeChange(e, to.name !== undefined && to.name !== e.name);
    Object.assign(e, to);
    view.afterChange(e);
  };
  const remove = (e: Entry) => (view.beforeChange(e), all.delete(e.id));
  return { all, view, expected, add, change, remove, rebuilds: () => rebuilds };
}

describe("SortedView", () => {
  for (const [label, filter] of [
    ["every entry", undefined],
    ["a filter that entries enter and leave", (e: Entry) => e.image !== "img0" && !e.name.startsWith("n1")],
  ] as const) {
    for (const batch of [8, 1])
      it(`stays equal to filter + full sort through random adds, removes, changes and renames, up to ${batch} between reads (${label})`, () => {
        const r = rng(7);
        const s = setup(filter);
        let next = 0;
        const fresh = () => entry(`id${next++}`, `n${Math.floor(r() * 500)}`, `img${Math.floor(r() * 5)}`);
        for (let i = 0; i < 300; i++) s.add(fresh());
        expect(s.view.read().map((e) => e.id)).toEqual(s.expected());
        for (let round = 0; round < 300; round++) {
          // A small batch of mixed changes between two reads, like events between two requests; some entries change twice.
          for (let k = Math.floor(r() * batch); k >= 0; k--) {
            const ids = [...s.all.keys()];
            const pick = s.all.get(ids[Math.floor(r() * ids.length)])!;
            const op = r();
            if (op < 0.25) s.add(fresh());
            else if (op < 0.5) s.remove(pick);
            else if (op < 0.8) s.change(pick, { image: `img${Math.floor(r() * 5)}` });
            else s.change(pick, { name: `n${Math.floor(r() * 500)}` });
          }
          expect(s.view.read().map((e) => e.id)).toEqual(s.expected());
        }
        // Incremental all along: one build at the start.
        expect(s.rebuilds()).toBe(1);
      });
  }

  it("rebuilds after invalidate", () => {
    const s = setup();
    for (let i = 0; i < 10; i++) s.add(entry(`i${i}`, `n${9 - i}`, "same"));
    expect(s.view.read()[0].id).toBe("i9");
    s.all.get("i0")!.name = "a-first"; // behind the view's back
    s.view.invalidate();
    expect(s.view.read()[0].id).toBe("i0");
    expect(s.rebuilds()).toBe(2);
  });

  it("stops tracking (and drops its arrays) when more changes than it lists pile up unread", () => {
    const s = setup();
    for (let i = 0; i < 100; i++) s.add(entry(`i${i}`, `n${i}`, "a"));
    s.view.read();
    let next = 100;
    for (let round = 0; round <= trackingLimit(100); round++) {
      const e = entry(`i${next++}`, `m${round}`, "b");
      s.add(e);
      s.remove(e); // gone from the store; a view that kept tracking would keep it alive
    }
    expect(s.rebuilds()).toBe(1);
    expect(s.view["dirty"].size).toBe(0);
    expect(s.view.read().map((e) => e.id)).toEqual(s.expected());
    expect(s.rebuilds()).toBe(2);
  });

  it("rebuilds instead of serving a wrong list when it lost track of a member", () => {
    const s = setup();
    for (let i = 0; i < 10; i++) s.add(entry(`i${i}`, `n${i}`, "a"));
    s.view.read();
    const e = s.all.get("i3")!;
    e.image = "z"; // changed without beforeChange: the view can no longer find it
    s.change(e, { image: "b" });
    expect(s.view.read().map((x) => x.id)).toEqual(s.expected());
    expect(s.rebuilds()).toBe(2);
  });
});
