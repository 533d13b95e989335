import { describe, expect, it } from "vitest";
import { listEdits } from "./list-edits";

describe("listEdits", () => {
  it("patches or drops the item at a position, leaving the others as they were", () => {
    const items = [
      { name: "A", value: "1" },
      { name: "B", value: "2" },
    ];
    let next: typeof items = [];
    const { update, remove } = listEdits(items, (v) => (next = v));
    update(1, { value: "3" });
    expect(next).toEqual([items[0], { name: "B", value: "3" }]);
    expect(next[0]).toBe(items[0]);
    remove(0);
    expect(next).toEqual([items[1]]);
    expect(items).toHaveLength(2);
  });
});
