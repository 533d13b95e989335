import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, layerOf, layeredFiles } from "./layers";

const root = path.resolve(__dirname, "..");
const files = layeredFiles(root);
const imports = files.flatMap((f) => importsOf(root, f));

const key = (i: { from: string; to: string }) => `${i.from} -> ${i.to}`;

const upward = imports.filter((i) => layerOf(i.to) && layerOf(i.from)!.rank < layerOf(i.to)!.rank).map(key);
// Route handlers call services; the engine is two layers down.
const routeToEngine = imports
  .filter((i) => /^app\/api\/.*route\.ts$/.test(i.from) && i.to.startsWith("lib/docker/"))
  .map(key);

describe("layers (docs/CONVENTIONS.md)", () => {
  it("places every source file in a layer", () => {
    expect(files.filter((f) => !layerOf(f))).toEqual([]);
  });

  it("imports only from the same layer or a lower one", () => {
    expect(upward).toEqual([]);
  });

  it("keeps route handlers away from the engine (they call services)", () => {
    expect(routeToEngine).toEqual([]);
  });

  it("keeps server-only modules out of browser code (components, lib/client)", () => {
    const serverOnly = (f: string) =>
      /^import\s+["']server-only["']/m.test(fs.readFileSync(path.join(root, f), "utf8"));
    const browser = (f: string) => ["components", "client"].includes(layerOf(f)!.name);
    const leaks = imports.filter((i) => browser(i.from) && !i.typeOnly && serverOnly(i.to)).map(key);
    expect(leaks).toEqual([]);
  });

  it("keeps each page's client view beside its page, as <x>-view.tsx", () => {
    const isPage = (f: string) => /^app\/\(console\)\/(.*\/)?page\.tsx$/.test(f);
    const viewsOf = new Map(files.filter(isPage).map((p) => [p, imports.filter((i) => i.from === p)]));
    // A page's view imported from elsewhere (components/), or a view file no page beside it uses.
    const strayViews = [...viewsOf.values()]
      .flat()
      .filter((i) => /-view\.tsx$/.test(i.to) && path.dirname(i.to) !== path.dirname(i.from))
      .map(key);
    const orphanViews = files
      .filter((f) => /^app\/\(console\)\/.*-view\.tsx$/.test(f))
      .filter((f) => !viewsOf.get(path.join(path.dirname(f), "page.tsx"))?.some((i) => i.to === f));
    expect([...strayViews, ...orphanViews]).toEqual([]);
  });
});
