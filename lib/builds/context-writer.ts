import "server-only";
import { constants } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { formatLimit } from "@/lib/builds/config";
import { ArchiveError, checkLinkTarget, entryPath } from "@/lib/builds/safe-path";

export const MAX_ENTRIES = 50_000;

/**
 * Writes a build context into `root`, refusing anything that could land outside it:
 * names are normalised (no `..`, no absolute path), parents are never symbolic links (so nothing is
 * written through one), links must point inside, and the bytes written are counted while streaming
 * so an archive that expands past the limit (a bomb) stops at the limit.
 */
export class ContextWriter {
  written = 0;
  entries = 0;
  constructor(
    readonly root: string,
    readonly maxBytes: number,
  ) {}

  private async prepare(name: string): Promise<{ rel: string; abs: string }> {
    if (++this.entries > MAX_ENTRIES)
      throw new ArchiveError(`the archive has more than ${MAX_ENTRIES} entries`);
    const rel = entryPath(name);
    if (!rel) throw new ArchiveError("archive entry with an empty name");
    let dir = this.root;
    for (const part of rel.split("/").slice(0, -1)) {
      dir = path.join(dir, part);
      const st = await fs.lstat(dir).catch(() => null);
      if (!st) await fs.mkdir(dir);
      else if (st.isSymbolicLink())
        throw new ArchiveError(
          `archive entry "${rel}" goes through the symbolic link "${path.relative(this.root, dir)}"`,
        );
      else if (!st.isDirectory())
        throw new ArchiveError(
          `archive entry "${rel}" is inside "${path.relative(this.root, dir)}", which is not a directory`,
        );
    }
    const abs = path.join(this.root, rel);
    const existing = await fs.lstat(abs).catch(() => null);
    if (existing && !existing.isDirectory()) await fs.unlink(abs); // later entries replace earlier ones, never through a link
    return { rel, abs };
  }

  private count(n: number) {
    this.written += n;
    if (this.written > this.maxBytes)
      throw new ArchiveError(`the build context expands past the limit of ${formatLimit(this.maxBytes)}`);
  }

  async directory(name: string) {
    const { abs } = await this.prepare(name);
    const st = await fs.lstat(abs).catch(() => null);
    if (!st) await fs.mkdir(abs);
  }

  async file(name: string, data: AsyncIterable<unknown> | Buffer | string, mode = 0o644) {
    const { abs } = await this.prepare(name);
    const fileMode = mode & 0o111 ? 0o755 : 0o644;
    if (typeof data === "string" || Buffer.isBuffer(data)) {
      const buf = Buffer.from(data);
      this.count(buf.length);
      await fs.writeFile(abs, buf, {
        flag: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
        mode: fileMode,
      });
      return;
    }
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, cb) => {
        try {
          this.count(chunk.length);
          cb(null, chunk);
        } catch (err) {
          cb(err instanceof Error ? err : new Error(String(err)));
        }
      },
    });
    const fh = await fs.open(
      abs,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      fileMode,
    );
    await pipeline(data, counter, fh.createWriteStream());
  }

  async symlink(name: string, target: string) {
    const rel = entryPath(name);
    checkLinkTarget(rel, target);
    const { abs } = await this.prepare(name);
    await fs.symlink(target, abs);
  }

  async hardlink(name: string, target: string) {
    const source = entryPath(target);
    // The source is reached without following any link, so it cannot sit outside the root.
    let p = this.root;
    for (const part of source.split("/").slice(0, -1)) {
      p = path.join(p, part);
      const st = await fs.lstat(p).catch(() => null);
      if (!st?.isDirectory())
        throw new ArchiveError(
          `hard link "${entryPath(name)}" points to "${source}" through something that is not a directory of the archive`,
        );
    }
    const src = path.join(this.root, source);
    const st = await fs.lstat(src).catch(() => null);
    if (!st?.isFile())
      throw new ArchiveError(
        `hard link "${entryPath(name)}" points to "${source}", which is not a file earlier in the archive`,
      );
    const { abs } = await this.prepare(name);
    await fs.link(src, abs);
  }

  /** After writing: every symbolic link that resolves must resolve inside the root (chains of links included). */
  async verifyLinks(dir = this.root): Promise<void> {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        const real = await fs.realpath(abs).catch(() => null);
        if (real && !(await isInside(this.root, real)))
          throw new ArchiveError(`link "${path.relative(this.root, abs)}" points outside the context`);
      } else if (entry.isDirectory()) await this.verifyLinks(abs);
    }
  }
}

async function isInside(root: string, p: string): Promise<boolean> {
  const realRoot = await fs.realpath(root);
  const rel = path.relative(realRoot, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** The Dockerfile must be a file inside the context (following in-context links only). */
export async function assertDockerfile(root: string, dockerfile: string): Promise<void> {
  const rel = entryPath(dockerfile);
  const real = await fs.realpath(path.join(root, rel)).catch(() => null);
  const st = real && (await isInside(root, real)) ? await fs.stat(real).catch(() => null) : null;
  if (!st?.isFile()) throw new ArchiveError(`Dockerfile "${rel}" not found in the build context`);
}
