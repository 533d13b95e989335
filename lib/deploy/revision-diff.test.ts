import { describe, expect, it } from "vitest";
import { parseCompose } from "@/lib/compose/parse";
import type { AppSpec } from "@/lib/compose/spec";
import { diffLines, serviceChanges } from "./revision-diff";

const parsed = (text: string): AppSpec => {
  const r = parseCompose(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.spec;
};

describe("diffLines", () => {
  it("keeps common lines and marks what was removed and added, in order", () => {
    const d = diffLines("a\nb\nc\nd\n", "a\nx\nc\nd\ne\n");
    expect(d.map((l) => `${{ same: " ", add: "+", remove: "-" }[l.op]}${l.text}`)).toEqual([
      " a",
      "-b",
      "+x",
      " c",
      " d",
      "+e",
    ]);
  });

  it("is all 'same' for equal texts and all added from nothing", () => {
    expect(diffLines("a\nb", "a\nb").every((l) => l.op === "same")).toBe(true);
    expect(diffLines("", "a\nb").map((l) => l.op)).toEqual(["add", "add"]);
  });

  it("shows a very large rewrite as removed then added instead of aligning it", () => {
    const a = Array.from({ length: 2500 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 2500 }, (_, i) => `b${i}`).join("\n");
    const d = diffLines(a, b);
    expect(d).toHaveLength(5000);
    expect(d[0]).toEqual({ op: "remove", text: "a0" });
    expect(d[2500]).toEqual({ op: "add", text: "b0" });
  });
});

describe("serviceChanges", () => {
  const v1 = parsed(
    "services:\n  web:\n    image: nginx\n    environment: { A: '1' }\n  db:\n    image: pg\n",
  );
  const v2 = parsed(
    "services:\n  web:\n    image: nginx\n    environment: { A: '2' }\n    deploy: { replicas: 2 }\n  cache:\n    image: redis\n",
  );
  it("names added, removed and changed services, with the fields that differ", () => {
    expect(serviceChanges(v1, v2)).toEqual([
      { service: "web", change: "changed", fields: ["environment", "replicas"] },
      { service: "cache", change: "added", fields: [] },
      { service: "db", change: "removed", fields: [] },
    ]);
  });
  it("finds nothing between a spec and itself, and everything added from no spec", () => {
    expect(serviceChanges(v1, v1).every((c) => c.change === "unchanged")).toBe(true);
    expect(serviceChanges(null, v1).map((c) => c.change)).toEqual(["added", "added"]);
  });
});
