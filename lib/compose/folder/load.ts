import "server-only";
// An app's compose folder (a repository checkout or an extracted archive) → one compose document that
// parseCompose reads like a pasted file. Here, and only here, files are read: the compose file, its overrides
// (`compose.override.yaml` by convention), `.env` (interpolation values), `include`, `extends.file`,
// `env_file`/`label_file` (inlined), secrets'/configs' `file:` (read into `files`) and relative `build:` contexts
// (rewritten to a path from the root, checked to be a folder). Every path goes through contained.ts.
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse as parseYaml, stringify } from "yaml";
import { errorText } from "@/lib/api/errors";
import { parseDotEnv } from "../../validations/app-variables";
import { interpolateString, interpolateMap, type InterpolationError, type Variables } from "../interpolate";
import { formatPath } from "../path";
import { FolderError, readInside, resolveInside, type Folder } from "./contained";
import { entriesOf, isMap, mergeDocuments, mergeValue, type Raw } from "./merge";
import { folderMounts, MountNames } from "./mounts";

export type LoadedFolder = {
  /** The combined compose document, for parseCompose. */
  text: string;
  /** Root-relative path → content, for `file:` secrets and configs. */
  files: Record<string, string>;
  /** The main file's folder `.env` (lower priority than the app's variables). */
  dotenv: Record<string, string>;
  composeFile: string;
  overrideFiles: string[];
};

export const DEFAULT_COMPOSE_FILES = [
  "compose.yaml",
  "compose.yml",
  "docker-compose.yaml",
  "docker-compose.yml",
];
const DEFAULT_OVERRIDES = [
  "compose.override.yaml",
  "compose.override.yml",
  "docker-compose.override.yaml",
  "docker-compose.override.yml",
];
const MAX_DEPTH = 8;
const FILE_KEYS = { env_file: "environment", label_file: "labels" } as const;

export async function loadComposeFolder(
  folder: Folder,
  opts: { composeFile?: string; overrideFiles?: string[]; variables: Variables },
): Promise<LoadedFolder> {
  const composeFile = opts.composeFile ?? (await firstExisting(folder, DEFAULT_COMPOSE_FILES));
  if (!composeFile)
    throw new FolderError(
      "composeFile",
      `no ${DEFAULT_COMPOSE_FILES.join(", ")} at the root; name the compose file`,
    );
  const main = await readInside(folder, ".", composeFile, "composeFile");
  const projectDir = path.posix.dirname(main.path);
  const envFile = await readInside(folder, projectDir, ".env", ".env").catch((e: unknown) => {
    if (e instanceof FolderError && /does not exist/.test(e.message)) return null;
    throw e;
  });
  const dotenv = Object.fromEntries(
    (envFile ? parseDotEnv(envFile.text).variables : []).map((v) => [v.name, v.value]),
  );
  const loader = new Loader(folder, { ...dotenv, ...opts.variables });
  // By the spec's convention the override is read only when no override files are named.
  const conventional = await firstExisting(
    folder,
    DEFAULT_OVERRIDES.map((f) => path.posix.join(projectDir, f)),
  );
  const overrideFiles: string[] = opts.overrideFiles ?? (conventional ? [conventional] : []);
  let doc = await loader.document(main.path, main.text, "composeFile", 0);
  for (const [i, f] of overrideFiles.entries()) {
    const o = await readInside(folder, ".", f, `overrideFiles[${i}]`);
    doc = mergeDocuments(doc, await loader.document(o.path, o.text, `overrideFiles[${i}]`, 0));
  }
  doc = loader.withMounts(doc);
  return {
    text: stringify(doc, { aliasDuplicateObjects: false }),
    files: loader.files,
    dotenv,
    composeFile: main.path,
    overrideFiles,
  };
}

/** A service with its by-name `extends` chain (within its own file) merged in, to take it into another file. */
function byName(services: Raw, name: string, chain: string[]): Raw | undefined {
  const svc = services[name];
  if (!isMap(svc) || chain.includes(name)) return undefined;
  const ext = svc.extends;
  if (ext === undefined) return svc;
  const baseName = typeof ext === "string" ? ext : isMap(ext) ? String(ext.service) : "";
  const base = byName(services, baseName, [...chain, name]);
  if (!base) return undefined;
  const { extends: _e, ...own } = svc;
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(own)) out[k] = mergeValue(k, base[k], v);
  return out;
}

async function firstExisting(folder: Folder, names: string[]): Promise<string | undefined> {
  for (const n of names) {
    const ok = await resolveInside(folder, ".", n, "composeFile", "file").then(
      () => true,
      () => false,
    );
    if (ok) return n;
  }
  return undefined;
}

class Loader {
  readonly files: Record<string, string> = {};
  /** What relative bind mounts became (mounts.ts): added to the combined document at the end. */
  private mounts = new MountNames({});
  constructor(
    private folder: Folder,
    private variables: Variables,
  ) {}

  /** The combined document with the volumes and configs relative bind mounts became. */
  withMounts(doc: Raw): Raw {
    const out: Raw = { ...doc };
    for (const kind of ["volumes", "configs"] as const) {
      const made = this.mounts[kind];
      if (Object.keys(made).length === 0) continue;
      const own = isMap(doc[kind]) ? doc[kind] : {};
      const clash = Object.keys(made).find((n) => n in own);
      if (clash)
        throw new FolderError(
          `${kind}.${clash}`,
          "is the name Wharf gives a relative bind mount of the folder; rename it",
        );
      out[kind] = { ...own, ...made };
    }
    return out;
  }

  /** A path as written (it may use ${VAR}); a missing variable is reported like any other. */
  private value(v: unknown, field: string): string {
    const r = interpolateString(String(v), this.variables);
    if ("error" in r) throw new FolderError(field, r.error, r.variable);
    return r.value;
  }

  private read(dir: string, rel: unknown, field: string) {
    return readInside(this.folder, dir, this.value(rel, field), field);
  }

  /**
   * One compose file (at `file`, root-relative) with everything it reads resolved; its relative paths start at
   * `dir` (the file's folder, or an include's project_directory).
   */
  async document(
    file: string,
    text: string,
    field: string,
    depth: number,
    dir = path.posix.dirname(file),
  ): Promise<Raw> {
    if (depth > MAX_DEPTH)
      throw new FolderError(field, `include/extends nested deeper than ${MAX_DEPTH} files`);
    let doc: unknown;
    try {
      doc = parseYaml(text, { merge: true, maxAliasCount: 100 });
    } catch (e) {
      throw new FolderError(field, `${file}: ${errorText(e).split("\n")[0]}`);
    }
    if (!isMap(doc)) throw new FolderError(field, `${file} is not a compose file (a mapping with services:)`);
    const out: Raw = { ...doc };
    if (isMap(doc.services)) out.services = await this.services(dir, doc.services, depth);
    for (const kind of ["secrets", "configs"] as const)
      if (isMap(doc[kind])) out[kind] = await this.fileObjects(dir, kind, doc[kind]);
    if (doc.include !== undefined) {
      delete out.include;
      await this.include(dir, doc.include, out, depth);
    }
    return out;
  }

  private async services(dir: string, services: Raw, depth: number): Promise<Raw> {
    const out: Raw = {};
    for (const [name, svc] of Object.entries(services))
      out[name] = isMap(svc) ? await this.service(dir, name, svc, services, depth) : svc;
    return out;
  }

  private async service(dir: string, name: string, svc: Raw, all: Raw, depth: number): Promise<Raw> {
    const at = `services.${name}`;
    let own: Raw = { ...svc };
    for (const [key, target] of Object.entries(FILE_KEYS)) {
      if (own[key] === undefined) continue;
      const value = own[key];
      const list: unknown[] = Array.isArray(value) ? value : [value];
      let entries: Raw = {};
      for (const [i, f] of list.entries()) {
        const item = isMap(f) ? f : { path: f };
        const field = `${at}.${key}${list.length > 1 || Array.isArray(own[key]) ? `[${i}]` : ""}`;
        const read = await this.read(dir, item.path, field).catch((e: unknown) => {
          if (item.required === false && e instanceof FolderError && /does not exist/.test(e.message))
            return null;
          throw e;
        });
        if (read)
          entries = {
            ...entries,
            ...Object.fromEntries(parseDotEnv(read.text).variables.map((v) => [v.name, v.value])),
          };
      }
      delete own[key];
      // The service's own entries win over the file's, as in Compose.
      own[target] = mergeValue(target, entries, entriesOf(own[target]) ?? {});
    }
    if (own.build !== undefined) own.build = await this.build(dir, own.build, `${at}.build`);
    own = await folderMounts(this.folder, dir, at, own, this.mounts, this.files, (v, f) => this.value(v, f));
    const ext = own.extends;
    if (isMap(ext) && ext.file !== undefined) {
      const field = `${at}.extends.file`;
      const other = await this.read(dir, ext.file, field);
      const base = await this.document(other.path, other.text, field, depth + 1);
      const baseName = this.value(ext.service, `${at}.extends.service`);
      const baseSvc = isMap(base.services) ? byName(base.services, baseName, []) : undefined;
      if (!isMap(baseSvc))
        throw new FolderError(`${at}.extends.service`, `"${baseName}" is not a service of ${other.path}`);
      const { extends: _e, ...rest } = own;
      own = { ...baseSvc };
      for (const [k, v] of Object.entries(rest)) own[k] = mergeValue(k, baseSvc[k], v);
    } else if (isMap(ext) || typeof ext === "string") {
      // extends by name within this file: resolved by the parser, but only if the base lives in the same document.
      const baseName = typeof ext === "string" ? ext : String(ext.service);
      if (!(baseName in all))
        throw new FolderError(`${at}.extends.service`, `service "${baseName}" does not exist`);
    }
    return own;
  }

  /** A relative context becomes a root-relative folder (checked); git URLs stay as they are. */
  private async build(dir: string, build: unknown, field: string): Promise<unknown> {
    const raw: Raw = isMap(build) ? { ...build } : { context: build };
    const context = this.value(raw.context ?? ".", isMap(build) ? `${field}.context` : field);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^[^/@\s]+@[^/:\s]+:/.test(context)) return build;
    raw.context = `./${await resolveInside(this.folder, dir, context, isMap(build) ? `${field}.context` : field, "dir")}`;
    return raw;
  }

  private async fileObjects(dir: string, kind: "secrets" | "configs", objects: Raw): Promise<Raw> {
    const out: Raw = {};
    for (const [name, o] of Object.entries(objects)) {
      if (!isMap(o) || o.file === undefined) {
        out[name] = o;
        continue;
      }
      const read = await this.read(dir, o.file, `${kind}.${name}.file`);
      this.files[read.path] = read.text;
      out[name] = { ...o, file: read.path };
    }
    return out;
  }

  /** `env_file` entries (a path or a list of them) → their variables, later files winning. */
  private async envFiles(dir: string, value: unknown, field: string): Promise<Record<string, string>> {
    let vars: Record<string, string> = {};
    for (const f of Array.isArray(value) ? value : [value]) {
      const read = await this.read(dir, f, field);
      vars = {
        ...vars,
        ...Object.fromEntries(parseDotEnv(read.text).variables.map((v) => [v.name, v.value])),
      };
    }
    return vars;
  }

  /**
   * `include:` as compose-go loads it (lib/compose/folder/include-goldens.test.ts): each file is read with its
   * own variables — the item's `env_file` under the app's (which win) — and its relative paths start at the item's
   * `project_directory` when set. The same object included twice is one object; two different ones of the same
   * name are refused.
   */
  private async include(dir: string, include: unknown, into: Raw, depth: number): Promise<void> {
    const items = Array.isArray(include) ? include : [include];
    for (const [i, raw] of items.entries()) {
      const field = `include[${i}]`;
      const item: Raw = isMap(raw) ? raw : { path: raw };
      const scoped =
        item.env_file === undefined
          ? this
          : new Loader(this.folder, {
              ...(await this.envFiles(dir, item.env_file, `${field}.env_file`)),
              ...this.variables,
            });
      const base =
        item.project_directory === undefined
          ? undefined
          : await resolveInside(
              this.folder,
              dir,
              this.value(item.project_directory, `${field}.project_directory`),
              `${field}.project_directory`,
              "dir",
            );
      // Several paths in one item are one model: the later ones override the first, like override files (how
      // Docker's include documentation has a third-party file customized).
      let doc: Raw = {};
      let first = "";
      for (const p of Array.isArray(item.path) ? item.path : [item.path]) {
        const read = await this.read(dir, p, field);
        first ||= read.path;
        const loaded = await scoped.document(read.path, read.text, field, depth + 1, base);
        // Without an env_file the app's variables are the file's: a missing one is left to parseCompose, which
        // lists every missing variable with its line.
        doc = mergeDocuments(doc, scoped.interpolated(loaded, field, scoped !== this));
        Object.assign(this.files, scoped.files);
      }
      for (const kind of ["services", "networks", "volumes", "secrets", "configs"] as const) {
        if (!isMap(doc[kind])) continue;
        const current = into[kind];
        const mine: Raw = isMap(current) ? current : {};
        for (const n of Object.keys(doc[kind]))
          if (n in mine && !isDeepStrictEqual(mine[n], doc[kind][n]))
            throw new FolderError(
              field,
              `${first} defines ${kind}.${n}, which the including file defines too`,
            );
        into[kind] = { ...doc[kind], ...mine };
      }
    }
  }

  /**
   * An included file interpolated with its own variables (its env_file's, then the app's), and bare environment
   * entries (`- NAME`) filled from them, as compose-go does. "$" in the results is doubled so that parseCompose's
   * own interpolation of the combined document leaves the values as they are.
   */
  private interpolated(doc: Raw, field: string, ownVariables: boolean): Raw {
    const errors: InterpolationError[] = [];
    const out = interpolateMap(doc, this.variables, errors);
    if (errors[0] && !ownVariables) return doc;
    if (errors[0])
      throw new FolderError(`${field}.${formatPath(errors[0].path)}`, errors[0].message, errors[0].variable);
    for (const svc of Object.values(isMap(out.services) ? out.services : {}))
      if (isMap(svc) && svc.environment !== undefined) {
        const env = entriesOf(svc.environment) ?? {};
        for (const [k, v] of Object.entries(env))
          if ((v === null || v === undefined) && k in this.variables) env[k] = this.variables[k];
        svc.environment = env;
      }
    return escapeMap(out);
  }
}

/** Every "$" of every string value doubled (a literal for the next interpolation). */
function escapeDollars(v: unknown): unknown {
  if (typeof v === "string") return v.replaceAll("$", "$$$$");
  if (Array.isArray(v)) return v.map(escapeDollars);
  if (isMap(v)) return escapeMap(v);
  return v;
}
const escapeMap = (v: Raw): Raw =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDollars(x)]));
