// Brings the public compose files of tests/compose-corpus/sources.tsv out of the
// snapshots that the `fetch` tool left under /work/.mirror (bare git dirs), at the
// commit each row pins. Rows whose path ends in "#TestName:N" take the N-th inline
// compose document (load(t, `...`)) of that Go test in compose-go's loader tests.
// Usage: npx tsx scripts/compose-corpus/import.ts [mirror dir]
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const corpus = join(import.meta.dirname, "../../tests/compose-corpus");
const mirror = process.argv[2] ?? "/work/.mirror";

function show(repo: string, commit: string, path: string): string {
  const gitDir = join(mirror, repo.replace("/", "+"), "repo");
  return execFileSync("git", ["--git-dir", gitDir, "show", `${commit}:${path}`], { encoding: "utf8" });
}

/** The N-th (1-based) raw-string compose document passed to load()/loadWithEnv() inside func TestName. */
function goSnippet(source: string, test: string, n: number): string {
  const start = source.indexOf(`func ${test}(`);
  if (start < 0) throw new Error(`${test} not found`);
  const end = source.indexOf("\nfunc ", start + 1);
  const body = source.slice(start, end < 0 ? undefined : end);
  const docs = [...body.matchAll(/load(?:WithEnv)?\(t, `([^`]*)`/g)].map((m) => m[1]);
  if (!docs[n - 1]) throw new Error(`${test}: no document #${n}`);
  return docs[n - 1].replace(/^\n/, "");
}

const rows = readFileSync(join(corpus, "sources.tsv"), "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"));
for (const row of rows) {
  const [file, repo, commit, path] = row.split("\t");
  const [filePath, anchor] = path.split("#");
  let text = show(repo, commit, filePath);
  if (anchor) {
    const [test, n] = anchor.split(":");
    text = goSnippet(text, test, Number(n ?? 1));
  }
  const out = join(corpus, file);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
}
console.log(`${rows.length} files imported into ${corpus}`);
