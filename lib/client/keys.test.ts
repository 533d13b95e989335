import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RESOURCES, rootKey } from "./keys";

const root = path.resolve(__dirname, "../..");
const sources = (dir: string): string[] =>
  fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? sources(path.join(dir, e.name))
        : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
          ? [path.join(dir, e.name)]
          : [],
    );
const files = ["app", "components", "lib/client"].flatMap(sources).filter((f) => f !== "lib/client/keys.ts");
const text = (f: string) => fs.readFileSync(path.join(root, f), "utf8");

describe("query keys (lib/client/keys.ts)", () => {
  it("roots every key at its resource", () => {
    expect(rootKey("hosts")()).toEqual(["hosts"]);
    expect(rootKey("hosts")("detail", "h1")).toEqual(["hosts", "detail", "h1"]);
  });

  it("writes no key inline: every key comes from a resource module's factory", () => {
    const inline = files.filter((f) => /queryKey:\s*\[|setQueryData(<[^>]*>)?\(\s*\[/.test(text(f)));
    expect(inline).toEqual([]);
    const ownFactories = files.filter(
      (f) => /const \w+Keys\s*=\s*\{/.test(text(f)) && !text(f).includes("rootKey("),
    );
    expect(ownFactories).toEqual([]);
  });

  it("gives each resource one module, which holds its keys", () => {
    const owners = new Map<string, string[]>();
    for (const f of files)
      for (const m of text(f).matchAll(/rootKey\("([a-z-]+)"\)/g))
        owners.set(m[1], [...(owners.get(m[1]) ?? []), f]);
    for (const [resource, modules] of owners) {
      expect(RESOURCES).toContain(resource);
      expect({ resource, modules }).toEqual({ resource, modules: [modules[0]] });
    }
  });
});
