import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// app/globals.css retunes slate-400 and slate-500 per theme so that secondary text meets WCAG AA. That is safe only
// while those two shades colour text and nothing else: a border or a fill in them would shift too.
const root = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.(tsx?|css)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe("the retuned text shades (app/globals.css)", () => {
  it("use slate-400 and slate-500 only for text", () => {
    const nonText =
      /\b(?:bg|border(?:-[trblxy])?|ring|outline|fill|stroke|divide|from|via|to|shadow|decoration|accent|caret)-slate-(?:400|500)\b/g;
    const misuse = ["app", "components"]
      .flatMap(sourceFiles)
      .flatMap((f) =>
        [...fs.readFileSync(path.join(root, f), "utf8").matchAll(nonText)].map((m) => `${f}: ${m[0]}`),
      );
    expect(misuse).toEqual([]);
  });
});
