// Counts how many of the corpus's public self-hosted app files (tests/compose-corpus/self-hosted) plan as an app
// from a repository or archive. Each file is put at its path in its repository (sources.tsv), so `../server`
// from docker/compose.yaml stays inside it; a file that only overrides another of the same repository (no image
// of its own) is loaded as an override of that repository's main file, as its README says to. Run "as-is", then
// with every file it names created (env_file, secrets/configs files, build contexts, relative bind-mount sources;
// the repositories hold them, the corpus keeps only the compose files), with stand-in values for the variables
// it asks for (a duration where a duration goes), as an admin and as a developer (admission policy).
// With --all, every corpus file is tried the same way (files outside self-hosted/ alone in a folder, as
// compose.yaml), and only the ones that do not plan are listed: what a folder source still refuses.
// Run: node --conditions=react-server --import tsx scripts/compose-corpus/folders.ts [--all]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { FolderError, openFolder } from "../../lib/compose/folder/contained";
import { loadComposeFolder } from "../../lib/compose/folder/load";
import { missingVariables, parseCompose, type ParseResult } from "../../lib/compose/parse";
import { checkTopology } from "../../lib/deploy/plan";
import { checkAdmission } from "../../lib/policy/admission";
import type { AppSpec } from "../../lib/compose/spec";

const CORPUS = path.join(import.meta.dirname, "../../tests/compose-corpus");
const ALL = process.argv.includes("--all");
type Source = { file: string; repo: string; path: string };
const sources: Source[] = fs
  .readFileSync(path.join(CORPUS, "sources.tsv"), "utf8")
  .split("\n")
  .filter((l) => (ALL ? l.trim() && !l.startsWith("#") : l.startsWith("self-hosted/")))
  .map((l) => l.split("\t"))
  .map(([file, repo, , p]) => ({ file, repo, path: p }));
/** Only the self-hosted files are laid out as their repositories hold them; any other is a folder of its own. */
const repoLaidOut = (s: Source) => s.file.startsWith("self-hosted/");

export type Prepared = {
  file: string;
  /** The folder as its repository lays it out (only the corpus's compose files of that repository). */
  root: string;
  composeFile: string;
  overrideFiles?: string[];
  variables: Record<string, string>;
};
export type Outcome = { file: string; admin: string; developer: string; spec?: AppSpec; prepared: Prepared };

/** A stand-in value that fits where the variable is used: durations, numbers, else a word. */
function standIn(name: string): string {
  if (/INTERVAL|TIMEOUT|PERIOD|DELAY/i.test(name)) return "10s";
  if (/BIND/i.test(name)) return "9000";
  if (/RETRIES|PORT|COUNT|WORKERS/i.test(name)) return "3";
  return "x";
}

const servicesOf = (file: string): Record<string, Record<string, unknown>> =>
  z
    .object({ services: z.record(z.string(), z.record(z.string(), z.unknown()).nullable()) })
    .parse(parse(fs.readFileSync(path.join(CORPUS, file), "utf8"), { merge: true, maxAliasCount: -1 }))
    .services as Record<string, Record<string, unknown>>;
/** An override file of its repository: a service of it with no image or build of its own. */
const isOverride = (file: string) =>
  Object.values(servicesOf(file)).some((s) => !s || (s.image === undefined && s.build === undefined));

function layout(src: Source): Prepared {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-folder-count-"));
  if (!repoLaidOut(src)) {
    fs.copyFileSync(path.join(CORPUS, src.file), path.join(root, "compose.yaml"));
    return { file: src.file, root, composeFile: "compose.yaml", variables: {} };
  }
  for (const s of sources.filter((x) => x.repo === src.repo && repoLaidOut(x))) {
    fs.mkdirSync(path.dirname(path.join(root, s.path)), { recursive: true });
    fs.copyFileSync(path.join(CORPUS, s.file), path.join(root, s.path));
  }
  const main = sources.find((s) => s.repo === src.repo && repoLaidOut(s) && !isOverride(s.file));
  const override = isOverride(src.file) && main;
  return override
    ? { file: src.file, root, composeFile: main.path, overrideFiles: [src.path], variables: {} }
    : { file: src.file, root, composeFile: src.path, variables: {} };
}

export async function attempt(src: Source, createNamed: boolean): Promise<Outcome> {
  const prepared = layout(src);
  const { root, variables } = prepared;
  const done = (admin: string, developer = "-", spec?: AppSpec): Outcome => ({
    file: src.file,
    admin,
    developer,
    spec,
    prepared,
  });
  for (let round = 0; round < 40; round++) {
    let loaded;
    try {
      loaded = await loadComposeFolder(await openFolder(root), {
        composeFile: prepared.composeFile,
        overrideFiles: prepared.overrideFiles,
        variables,
      });
    } catch (e) {
      if (!(e instanceof FolderError)) throw e;
      if (e.variable) {
        variables[e.variable] = standIn(e.variable);
        continue;
      }
      const missing = /"(.+)" does not exist/.exec(e.message);
      if (createNamed && missing) {
        named(root, path.posix.dirname(prepared.composeFile), e.field, missing[1]);
        continue;
      }
      return done(`folder: ${e.message}`);
    }
    const all = { ...loaded.dotenv, ...variables };
    const r: ParseResult = parseCompose(loaded.text, { variables: all, folder: { files: loaded.files } });
    if (!r.ok) {
      const vars = missingVariables(r.errors);
      if (vars.length) {
        for (const v of vars) variables[v] = standIn(v);
        continue;
      }
      return done(`parse: ${r.errors[0].path} ${r.errors[0].message}`);
    }
    const topo = Object.entries(checkTopology(r.spec, "standalone"));
    if (topo.length) return done(`topology: ${topo[0].join(" ")}`);
    const adm = checkAdmission(r.spec, { isAdmin: false });
    return done(
      "plans",
      adm.allowed ? "plans" : `policy: ${adm.violations.map((v) => `${v.path} (${v.reason})`).join("; ")}`,
      r.spec,
    );
  }
  return done("gave up");
}

/** Creates what a field names, relative to the compose file's folder: a build context gets a Dockerfile. */
function named(root: string, dir: string, field: string, rel: string) {
  const at = path.join(root, dir, rel);
  if (/\.build(\.context)?$/.test(field)) {
    fs.mkdirSync(at, { recursive: true });
    fs.writeFileSync(path.join(at, "Dockerfile"), "FROM scratch\n");
  } else if (/volumes\[\d+\]$/.test(field)) fs.mkdirSync(at, { recursive: true });
  else {
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.writeFileSync(at, "");
  }
}

export async function countFolders(createNamed: boolean): Promise<Outcome[]> {
  return Promise.all(sources.map((s) => attempt(s, createNamed)));
}

if (process.argv[1] === import.meta.filename) {
  for (const createNamed of ALL ? [true] : [false, true]) {
    const out = await countFolders(createNamed);
    console.log(`\n== ${createNamed ? "with the files it names created" : "as-is"} (variables supplied) ==`);
    for (const o of out) {
      if (ALL && o.admin === "plans" && o.developer === "plans") continue;
      console.log(
        `${o.file.padEnd(58)} admin: ${o.admin.slice(0, 100)} | developer: ${o.developer.slice(0, 160)}`,
      );
      fs.rmSync(o.prepared.root, { recursive: true, force: true });
    }
    const n = (k: "admin" | "developer") => out.filter((o) => o[k] === "plans").length;
    console.log(`admin ${n("admin")}/${out.length}, developer ${n("developer")}/${out.length}`);
  }
}
