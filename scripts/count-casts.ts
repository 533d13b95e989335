// Counts the type assertions (`x as T`, `<T>x`) in lib/ app/ components/, `as const` apart and lib/generated left
// out: issue 17 asks for the count before and after its clean-up. `-v` lists them per file.
//   npx tsx scripts/count-casts.ts [-v]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import ts from "typescript";

const files = execFileSync("git", ["ls-files", "lib", "app", "components"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("lib/generated/"));
let casts = 0;
let asConst = 0;
const perFile = new Map<string, number>();
for (const file of files) {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, kind);
  const walk = (node: ts.Node): void => {
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      if (ts.isTypeReferenceNode(node.type) && node.type.typeName.getText(src) === "const") asConst++;
      else {
        casts++;
        perFile.set(file, (perFile.get(file) ?? 0) + 1);
      }
    }
    ts.forEachChild(node, walk);
  };
  walk(src);
}
if (process.argv.includes("-v"))
  for (const [file, n] of [...perFile].sort((a, b) => b[1] - a[1])) console.log(`${n} ${file}`);
console.log(`assertions: ${casts} (plus ${asConst} 'as const')`);
