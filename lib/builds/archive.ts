import "server-only";
import fs from "node:fs";
import { Transform } from "node:stream";
import { createGunzip } from "node:zlib";
import { extract as tarExtract } from "tar-stream";
import yauzl from "yauzl";
import { errorText } from "@/lib/api/errors";
import { ContextWriter } from "@/lib/builds/context-writer";
import { ArchiveError } from "@/lib/builds/safe-path";
import type { Readable } from "node:stream";

export type ArchiveKind = "tar" | "tar.gz" | "zip";

/** Detected from the first bytes, not the file name: gzip magic, zip magic, else a tar (checked by the parser). */
export async function detectArchive(file: string): Promise<ArchiveKind> {
  const fd = await fs.promises.open(file, "r");
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await fd.read(head, 0, 512, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "tar.gz";
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x04034b50) return "zip";
    if (bytesRead >= 262 && head.toString("latin1", 257, 262) === "ustar") return "tar";
    throw new ArchiveError("the upload is not a tar, tar.gz or zip archive");
  } finally {
    await fd.close();
  }
}

/** Extracts an uploaded archive into `root` with every safety rule of ContextWriter. */
export async function extractArchive(
  file: string,
  root: string,
  maxBytes: number,
): Promise<{ kind: ArchiveKind; bytes: number; entries: number }> {
  const kind = await detectArchive(file);
  const writer = new ContextWriter(root, maxBytes);
  if (kind === "zip") await extractZip(file, writer);
  else await extractTar(file, kind === "tar.gz", writer, maxBytes);
  await writer.verifyLinks();
  return { kind, bytes: writer.written, entries: writer.entries };
}

async function extractTar(file: string, gzip: boolean, writer: ContextWriter, maxBytes: number) {
  const ex = tarExtract();
  const src = fs.createReadStream(file);
  // Decompressed bytes are capped too: tar headers and padding are not file data, but a stream of zeros is still a bomb.
  let inflated = 0;
  const cap = maxBytes * 2 + 1024 * 1024;
  const guard = new Transform({
    transform(chunk: Buffer, _e, cb) {
      inflated += chunk.length;
      cb(inflated > cap ? new ArchiveError("the archive expands past the size limit") : null, chunk);
    },
  });
  const fail = (err: Error) => ex.destroy(err);
  src.on("error", fail);
  guard.on("error", fail);
  if (gzip) {
    const gunzip = createGunzip();
    gunzip.on("error", () => fail(new ArchiveError("the upload is not a valid gzip file")));
    src.pipe(gunzip).pipe(guard).pipe(ex);
  } else src.pipe(guard).pipe(ex);
  try {
    for await (const entry of ex) {
      const h = entry.header;
      switch (h.type) {
        case "file":
        case "contiguous-file":
          await writer.file(h.name, entry, h.mode ?? 0o644);
          break;
        case "directory":
          await writer.directory(h.name);
          break;
        case "symlink":
          await writer.symlink(h.name, h.linkname ?? "");
          break;
        case "link":
          await writer.hardlink(h.name, h.linkname ?? "");
          break;
        default:
          throw new ArchiveError(
            `archive entry "${h.name}" is a ${h.type}; only files, directories and links are allowed`,
          );
      }
      entry.resume();
    }
  } catch (err) {
    src.destroy();
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError(`the tar archive is damaged: ${errorText(err)}`);
  }
}

function extractZip(file: string, writer: ContextWriter): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      file,
      {
        lazyEntries: true,
        autoClose: true,
        validateEntrySizes: true,
        strictFileNames: false,
        decodeStrings: true,
      },
      (err, zip) => {
        if (err || !zip)
          return reject(new ArchiveError(`the zip archive is damaged: ${err?.message ?? "unreadable"}`));
        const fail = (e: unknown) => {
          zip.close();
          reject(e instanceof ArchiveError ? e : zipError(errorText(e)));
        };
        zip.on("error", fail);
        zip.on("end", resolve);
        zip.on("entry", (entry: yauzl.Entry) => {
          const mode = (entry.externalFileAttributes >>> 16) & 0o177777;
          const isLink = (mode & 0o170000) === 0o120000;
          const handle = async () => {
            if (entry.fileName.endsWith("/")) return writer.directory(entry.fileName);
            if (entry.uncompressedSize > writer.maxBytes - writer.written)
              throw new ArchiveError("the build context expands past the size limit");
            const stream = await new Promise<Readable>((res, rej) =>
              zip.openReadStream(entry, (e, s) =>
                e || !s ? rej(e ?? new Error("unreadable entry")) : res(s),
              ),
            );
            if (!isLink) return writer.file(entry.fileName, stream, mode);
            const chunks: Buffer[] = [];
            for await (const c of stream) chunks.push(c as Buffer);
            return writer.symlink(entry.fileName, Buffer.concat(chunks).toString("utf8").slice(0, 4096));
          };
          handle().then(() => zip.readEntry(), fail);
        });
        zip.readEntry();
      },
    );
  });
}

/** yauzl checks entry names itself; its refusals are phrased like ours. */
function zipError(message: string): ArchiveError {
  const rel = /^invalid relative path: (.*)$/.exec(message);
  if (rel) return new ArchiveError(`archive entry "${rel[1]}" contains '..'`);
  const abs = /^absolute path: (.*)$/.exec(message);
  if (abs) return new ArchiveError(`archive entry "${abs[1]}" has an absolute path`);
  return new ArchiveError(`the zip archive is damaged: ${message}`);
}
