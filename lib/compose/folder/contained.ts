import "server-only";
// Every path a compose file names (env_file, include, extends.file, secrets/configs file:, build contexts) is
// resolved inside the app's checkout and never outside it. Lexical checks first (absolute paths, `~`, URLs such as
// file:///etc, `..` past the root), then the real path of what is on disk: a symbolic link anywhere on the way
// that leads out of the checkout is refused too. Never decided by a string prefix alone.
import fs from "node:fs/promises";
import path from "node:path";

/** A refused or unreadable path, with the compose field it came from (`services.web.env_file`). */
export class FolderError extends Error {
  constructor(
    readonly field: string,
    message: string,
    /** Set when the path uses a variable that is not set: listed with the other missing variables. */
    readonly variable?: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Largest file a compose file may read from the checkout (env files, secrets, included compose files). */
export const MAX_FOLDER_FILE_BYTES = 1024 * 1024;

export type Folder = { root: string; realRoot: string };

export async function openFolder(root: string): Promise<Folder> {
  return { root, realRoot: await fs.realpath(root) };
}

/** `rel` (as written in the file at `fromDir`, a path relative to the root) → the path relative to the root. */
export async function resolveInside(
  folder: Folder,
  fromDir: string,
  rel: string,
  field: string,
  kind: "file" | "dir" | "any",
): Promise<string> {
  const given = rel.trim();
  if (given === "") throw new FolderError(field, "is empty");
  if (given.includes("\0")) throw new FolderError(field, "has a NUL byte");
  if (/^[a-z][a-z0-9+.-]*:/i.test(given))
    throw new FolderError(field, `"${shown(given)}" is a URL; name a path inside the repository or archive`);
  if (given.startsWith("/") || given.startsWith("~") || given.startsWith("\\"))
    throw new FolderError(
      field,
      `"${shown(given)}" is an absolute path; name a path inside the repository or archive`,
    );
  const lexical = path.posix.normalize(path.posix.join(fromDir || ".", given));
  if (lexical === ".." || lexical.startsWith("../"))
    throw new FolderError(field, `"${shown(given)}" leads outside the repository or archive ('..')`);
  let real: string;
  try {
    real = await fs.realpath(path.join(folder.realRoot, lexical));
  } catch {
    throw new FolderError(field, `"${shown(given)}" does not exist in the repository or archive`);
  }
  if (real !== folder.realRoot && !real.startsWith(folder.realRoot + path.sep))
    throw new FolderError(
      field,
      `"${shown(given)}" is a symbolic link leading outside the repository or archive`,
    );
  const stat = await fs.stat(real);
  if (kind === "file" && !stat.isFile()) throw new FolderError(field, `"${shown(given)}" is not a file`);
  if (kind === "dir" && !stat.isDirectory())
    throw new FolderError(field, `"${shown(given)}" is not a folder`);
  return path.relative(folder.realRoot, real).split(path.sep).join("/") || ".";
}

/** Reads a file inside the checkout (see resolveInside), at most MAX_FOLDER_FILE_BYTES. */
export async function readInside(
  folder: Folder,
  fromDir: string,
  rel: string,
  field: string,
): Promise<{ path: string; text: string }> {
  const at = await resolveInside(folder, fromDir, rel, field, "file");
  const abs = path.join(folder.realRoot, at);
  if ((await fs.stat(abs)).size > MAX_FOLDER_FILE_BYTES)
    throw new FolderError(field, `"${shown(rel)}" is larger than ${MAX_FOLDER_FILE_BYTES / 1024} KiB`);
  return { path: at, text: await fs.readFile(abs, "utf8") };
}

/** Every symbolic link under `dir` (relative to the root) must stay inside the checkout: a build context is sent whole. */
export async function assertLinksInside(folder: Folder, dir: string, field: string): Promise<void> {
  const walk = async (rel: string): Promise<void> => {
    for (const e of await fs.readdir(path.join(folder.realRoot, rel), { withFileTypes: true })) {
      const child = rel === "." ? e.name : `${rel}/${e.name}`;
      if (e.name === ".git" && rel === ".") continue;
      if (e.isSymbolicLink()) {
        const real = await fs.realpath(path.join(folder.realRoot, child)).catch(() => null);
        if (real !== null && real !== folder.realRoot && !real.startsWith(folder.realRoot + path.sep))
          throw new FolderError(
            field,
            `"${shown(child)}" is a symbolic link leading outside the repository or archive`,
          );
      } else if (e.isDirectory()) await walk(child);
    }
  };
  await walk(dir);
}

const shown = (s: string) => s.replace(/[\0-\x1f\x7f]/g, "?").slice(0, 200);
