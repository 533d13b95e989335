import { describe, expect, it } from "vitest";
import { parseCompose } from "@/lib/compose/parse";
import { describeChanges, specChanges } from "./spec-diff";

const spec = (text: string) => {
  const r = parseCompose(text, { folder: { files: {} } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.spec;
};

describe("specChanges", () => {
  it("names added, removed and changed services with the keys that changed", () => {
    const before = spec("services:\n  web: {image: a, environment: {A: '1'}}\n  old: {image: x}\n");
    const after = spec("services:\n  web: {image: a, environment: {A: '2'}}\n  db: {image: redis}\n");
    const changes = specChanges(before, after);
    expect(changes).toEqual([
      { service: "web", change: "changed", keys: ["environment"] },
      { service: "db", change: "added", keys: [] },
      { service: "old", change: "removed", keys: [] },
    ]);
    expect(describeChanges(changes)).toBe("web: environment; db: added; old: removed");
  });

  it("does not count a building service's image and build (rebuilt at every deploy)", () => {
    const before = spec("services:\n  web: {image: 'wharf/t/p/web:id-1'}\n");
    const after = spec("services:\n  web: {build: ./web}\n");
    expect(after.services.web.build).toMatchObject({ folder: true });
    expect(specChanges(before, after)).toEqual([]);
    expect(describeChanges([])).toBe("no service changed");
  });
});
