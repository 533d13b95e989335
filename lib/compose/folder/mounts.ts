// A relative bind mount (`./nginx.conf:/etc/nginx/nginx.conf`, `./data:/data`) in an app's folder never becomes a
// host path: the checkout is a temporary folder, and a host path is an admin's privilege. It gets a meaning Wharf
// manages (docs/compose.md, "Relative bind mounts"):
// - a file of the folder → a config with its content at the target (0444, 0555 when executable on disk);
// - a folder → a named volume of the app at the target, seeded at every deploy with the folder's files (each a
//   config at target/<path>; read-only mounts get the files only, with no volume);
// - a path that does not exist → a named volume of the app (Compose would create an empty host folder).
// Paths are resolved inside the folder like every other (contained.ts): `..`, links out and URLs are refused.
import fs from "node:fs/promises";
import path from "node:path";
import { parseVolumeShort } from "../syntax";
import { FolderError, readInside, resolveInside, type Folder } from "./contained";
import { isMap, type Raw } from "./merge";

/** At most this many files seed one folder mount (each at most MAX_FOLDER_FILE_BYTES: contained.ts). */
export const MAX_SEED_FILES = 100;
const SKIPPED = new Set([".git", ".gitkeep", ".gitignore", ".keep"]);

type Bind = { source: string; target: string; readOnly: boolean };

/** Names for what the mounts become (volumes and configs of the whole document), unique and valid. */
export class MountNames {
  private taken = new Set<string>();
  readonly volumes: Raw = {};
  readonly configs: Raw = {};
  constructor(existing: Raw) {
    for (const kind of ["volumes", "configs"])
      if (isMap(existing[kind])) for (const n of Object.keys(existing[kind])) this.taken.add(n);
  }
  /** `./docker-data/mail/` → `folder-docker-data-mail` (then `-2`, `-3` when taken). */
  name(rel: string): string {
    const base = `folder-${rel
      .toLowerCase()
      .replace(/[^a-z0-9_.]+/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "")}`
      .slice(0, 56)
      .replace(/[-.]+$/, "");
    let n = base;
    for (let i = 2; this.taken.has(n); i++) n = `${base}-${i}`;
    this.taken.add(n);
    return n;
  }
}

/**
 * The service's `volumes` with relative bind mounts replaced, and the configs they became appended to its
 * `configs`; `files` receives each config's content (root-relative path → text), `interpolate` reads ${VAR}.
 */
export async function folderMounts(
  folder: Folder,
  dir: string,
  at: string,
  svc: Raw,
  names: MountNames,
  files: Record<string, string>,
  interpolate: (v: unknown, field: string) => string,
): Promise<Raw> {
  if (!Array.isArray(svc.volumes)) return svc;
  const volumes: unknown[] = [];
  const configs: unknown[] = Array.isArray(svc.configs) ? [...svc.configs] : [];
  for (const [i, entry] of svc.volumes.entries()) {
    const field = `${at}.volumes[${i}]`;
    const bind = relativeBind(entry, field, interpolate);
    if (!bind) {
      volumes.push(entry);
      continue;
    }
    const rel = await resolveInside(folder, dir, bind.source, field, "any").catch((e: unknown) => {
      if (e instanceof FolderError && /does not exist/.test(e.message)) return null;
      throw e;
    });
    const stat = rel === null ? null : await fs.stat(path.join(folder.realRoot, rel));
    if (stat?.isFile()) {
      configs.push(await seed(folder, names, files, rel ?? "", bind.target, field));
      continue;
    }
    const seeds = rel === null ? [] : await folderFiles(folder, rel, field);
    if (!bind.readOnly || seeds.length === 0) {
      const volume = names.name(rel ?? path.posix.normalize(path.posix.join(dir, bind.source)));
      names.volumes[volume] = {};
      volumes.push({ type: "volume", source: volume, target: bind.target, read_only: bind.readOnly });
    }
    for (const f of seeds)
      configs.push(
        await seed(folder, names, files, f, `${bind.target}/${path.posix.relative(rel ?? "", f)}`, field),
      );
  }
  return { ...svc, volumes, ...(configs.length ? { configs } : {}) };
}

/** A bind mount whose source is relative to the compose file, in either syntax; null for anything else. */
function relativeBind(
  entry: unknown,
  field: string,
  interpolate: (v: unknown, f: string) => string,
): Bind | null {
  if (typeof entry === "string") {
    if (!entry.includes(":")) return null;
    const m = parseVolumeShort(interpolate(entry, field));
    if ("error" in m || m.type !== "bind" || !m.source || !isRelative(m.source)) return null;
    return { source: m.source, target: m.target, readOnly: m.readOnly };
  }
  if (!isMap(entry) || String(entry.type).toLowerCase() !== "bind" || entry.source === undefined) return null;
  const source = interpolate(entry.source, `${field}.source`);
  if (!isRelative(source)) return null;
  const target = interpolate(entry.target ?? "", `${field}.target`);
  if (!target.startsWith("/")) return null; // the parser names the field
  return { source, target, readOnly: entry.read_only === true };
}

const isRelative = (p: string) => !p.startsWith("/") && !p.startsWith("~") && !/^[A-Za-z]:[\\/]/.test(p);

/** One file of the folder as a config at `target`; its content goes with the spec like a `file:` config's. */
async function seed(
  folder: Folder,
  names: MountNames,
  files: Record<string, string>,
  rel: string,
  target: string,
  field: string,
) {
  const read = await readInside(folder, ".", rel, field);
  files[read.path] = read.text;
  const name = names.name(read.path);
  names.configs[name] = { file: read.path };
  const executable = ((await fs.stat(path.join(folder.realRoot, read.path))).mode & 0o111) !== 0;
  return { source: name, target: path.posix.normalize(target), mode: executable ? 0o555 : 0o444 };
}

/** The regular files under a folder of the checkout (links must stay inside it), at most MAX_SEED_FILES. */
async function folderFiles(folder: Folder, rel: string, field: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const e of await fs.readdir(path.join(folder.realRoot, at), { withFileTypes: true })) {
      if (SKIPPED.has(e.name)) continue;
      const child = at === "." ? e.name : `${at}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile() || e.isSymbolicLink()) {
        const real = await resolveInside(folder, ".", child, field, "any");
        if ((await fs.stat(path.join(folder.realRoot, real))).isFile()) out.push(child);
      }
      if (out.length > MAX_SEED_FILES)
        throw new FolderError(
          field,
          `"${rel}" holds more than ${MAX_SEED_FILES} files; build them into an image (build:) instead`,
        );
    }
  };
  await walk(rel);
  return out;
}
