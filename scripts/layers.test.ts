import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, layerOf, layeredFiles } from "./layers";

const root = path.resolve(__dirname, "..");
const files = layeredFiles(root);
const imports = files.flatMap((f) => importsOf(root, f));

/**
 * Upward imports that existed when the layer test was written (issue 17), one `from -> to` a line. The list only
 * shrinks: the test fails on an upward import not in it, and on a listed one that is gone.
 */
const KNOWN_UPWARD = new Set(
  fs.readFileSync(path.join(__dirname, "layers.known-upward.txt"), "utf8").split("\n").filter(Boolean),
);

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
    expect(upward.filter((k) => !KNOWN_UPWARD.has(k))).toEqual([]);
  });

  it("keeps route handlers away from the engine (they call services)", () => {
    expect(routeToEngine.filter((k) => !KNOWN_UPWARD.has(k))).toEqual([]);
  });

  it("lists no fixed import as known (the list only shrinks)", () => {
    const now = new Set([...upward, ...routeToEngine]);
    expect([...KNOWN_UPWARD].filter((k) => !now.has(k))).toEqual([]);
  });

  it("keeps server-only modules out of browser code (components, lib/client)", () => {
    const serverOnly = (f: string) =>
      /^import\s+["']server-only["']/m.test(fs.readFileSync(path.join(root, f), "utf8"));
    const browser = (f: string) => ["components", "client"].includes(layerOf(f)!.name);
    const leaks = imports.filter((i) => browser(i.from) && !i.typeOnly && serverOnly(i.to)).map(key);
    expect(leaks).toEqual([]);
  });
});
