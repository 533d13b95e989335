import { describe, expect, it } from "vitest";
import { SortedView, compareValues } from "./sorted-view";
import type { Entry } from "./sort";

const entry = (id: string, name: string, image: string): Entry =>
  ({ id, name, image, state: "running", status: "Up", since: null, hostId: "h", tenant: null, project: null, app: null, service: null, ports: [], created: 1, labels: {}, json: "{}", search: "" }) as Entry;

/** A tiny seeded generator, so a failure repeats. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function expected(all: Map<string, Entry>) {
  return [...all.values()].sort((a, b) => compareValues(a.image, b.image) || compareValues(a.name, b.name) || compareValues(a.id, b.id)).map((e) => e.id);
}

describe("SortedView", () => {
  it("stays equal to a full sort through random adds, removes and in-place changes", () => {
    const r = rng(7);
    const all = new Map<string, Entry>();
    const view = new SortedView((e) => e.image, () => all.values(), (e) => all.get(e.id) === e);
    let next = 0;
    const add = () => {
      const e = entry(`id${next++}`, `n${Math.floor(r() * 500)}`, `img${Math.floor(r() * 5)}`);
      all.set(e.id, e);
      view.touch(e);
    };
    for (let i = 0; i < 300; i++) add();
    expect(view.read().map((e) => e.id)).toEqual(expected(all));
    for (let round = 0; round < 200; round++) {
      // A small batch of mixed changes between two reads, like events between two requests.
      for (let k = Math.floor(r() * 6); k >= 0; k--) {
        const ids = [...all.keys()];
        const pick = all.get(ids[Math.floor(r() * ids.length)])!;
        const op = r();
        if (op < 0.3) add();
        else if (op < 0.6) {
          all.delete(pick.id);
          view.touch(pick);
        } else {
          pick.image = `img${Math.floor(r() * 5)}`; // changed in place, as the store does
          view.touch(pick);
        }
      }
      expect(view.read().map((e) => e.id)).toEqual(expected(all));
    }
  });

  it("rebuilds after invalidate (e.g. a rename) and for large batches", () => {
    const all = new Map<string, Entry>();
    const view = new SortedView((e) => e.image, () => all.values(), (e) => all.get(e.id) === e);
    for (let i = 0; i < 10; i++) all.set(`i${i}`, entry(`i${i}`, `n${9 - i}`, "same"));
    expect(view.read()[0].id).toBe("i9");
    all.get("i0")!.name = "a-first";
    view.invalidate();
    expect(view.read()[0].id).toBe("i0");
    for (let i = 10; i < 200; i++) {
      const e = entry(`i${i}`, `m${i}`, "other");
      all.set(e.id, e);
      view.touch(e);
    }
    expect(view.read().map((e) => e.id)).toEqual(expected(all));
  });
});
