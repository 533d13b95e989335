// Counts how many of the corpus's public self-hosted app files (tests/compose-corpus/self-hosted) plan as an app
// from a repository or archive: each file alone in a folder ("as-is"), then with every file it names created
// (env_file, secrets/configs files, build contexts, relative bind-mount sources), with stand-in values for the
// variables it asks for, as an admin and as a developer (admission policy). Run: npx tsx scripts/compose-corpus/folders.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FolderError, openFolder } from "../../lib/compose/folder/contained";
import { loadComposeFolder } from "../../lib/compose/folder/load";
import { missingVariables, parseCompose } from "../../lib/compose/parse";
import { checkTopology } from "../../lib/deploy/plan";
import { checkAdmission } from "../../lib/policy/admission";

const DIR = path.join(import.meta.dirname, "../../tests/compose-corpus/self-hosted");
type Outcome = { file: string; admin: string; developer: string };

async function attempt(file: string, createNamed: boolean): Promise<Outcome> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-folder-count-"));
  fs.copyFileSync(path.join(DIR, file), path.join(root, "compose.yaml"));
  const variables: Record<string, string> = {};
  try {
    for (let round = 0; round < 40; round++) {
      let text: string;
      let files: Record<string, string>;
      try {
        const loaded = await loadComposeFolder(await openFolder(root), { variables });
        [text, files] = [loaded.text, loaded.files];
        Object.assign(variables, { ...loaded.dotenv, ...variables });
      } catch (e) {
        if (!(e instanceof FolderError)) throw e;
        if (e.variable) {
          variables[e.variable] = "x";
          continue;
        }
        const missing = /"(.+)" does not exist/.exec(e.message);
        if (createNamed && missing) {
          named(root, e.field, missing[1]);
          continue;
        }
        return { file, admin: `folder: ${e.message}`, developer: "-" };
      }
      const r = parseCompose(text, { variables, folder: { files } });
      if (!r.ok) {
        const vars = missingVariables(r.errors);
        if (vars.length) {
          for (const v of vars) variables[v] = "x";
          continue;
        }
        const bind = r.errors.find((e) => /no folder for this app yet|relative/.test(e.message));
        if (createNamed && bind)
          return { file, admin: `parse: ${bind.path} ${bind.message}`, developer: "-" };
        return { file, admin: `parse: ${r.errors[0].path} ${r.errors[0].message}`, developer: "-" };
      }
      const topo = Object.entries(checkTopology(r.spec, "standalone"));
      const admin = topo.length ? `topology: ${topo[0].join(" ")}` : "plans";
      const adm = checkAdmission(r.spec, { isAdmin: false });
      const developer =
        admin !== "plans"
          ? "-"
          : adm.allowed
            ? "plans"
            : `policy: ${adm.violations.map((v) => v.path).join(", ")}`;
      return { file, admin, developer };
    }
    return { file, admin: "gave up", developer: "-" };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Creates what a field names: a folder with a Dockerfile for a build context, an empty file otherwise. */
function named(root: string, field: string, rel: string) {
  const at = path.join(root, rel);
  if (/\.build(\.context)?$/.test(field)) {
    fs.mkdirSync(at, { recursive: true });
    fs.writeFileSync(path.join(at, "Dockerfile"), "FROM scratch\n");
  } else {
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.writeFileSync(at, "");
  }
}

const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".yml"));
for (const createNamed of [false, true]) {
  const out = await Promise.all(files.map((f) => attempt(f, createNamed)));
  console.log(`\n== ${createNamed ? "with the files it names created" : "as-is"} (variables supplied) ==`);
  for (const o of out)
    console.log(
      `${o.file.padEnd(50)} admin: ${o.admin.slice(0, 110)} | developer: ${o.developer.slice(0, 90)}`,
    );
  const n = (k: "admin" | "developer") => out.filter((o) => o[k] === "plans").length;
  console.log(`admin ${n("admin")}/${out.length}, developer ${n("developer")}/${out.length}`);
}
