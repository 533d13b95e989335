import "server-only";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { errorText, invalid } from "@/lib/api/errors";
import { buildConfig, formatLimit } from "@/lib/builds/config";
import { makeWorkdir, removeWorkdir } from "@/lib/builds/workdir";

export type ReceivedUpload<T> = {
  spec: T;
  workdir: string;
  archivePath: string;
  filename: string;
  bytes: number;
};

/**
 * Streams a multipart upload (a `spec` JSON field, then the `context` file) to a temporary file,
 * never holding it in memory. `checkSpec` runs before the file is accepted, so an unauthorized or
 * invalid request is refused without storing anything. The size limit is enforced while streaming.
 * `opts.file` names the file field; with `opts.specOptional` a file without a `spec` field before it is checked
 * as `spec: {}` (routes that authorize from their path).
 */
export async function receiveUpload<T>(
  req: Request,
  checkSpec: (raw: unknown) => Promise<T>,
  opts: { file?: string; specOptional?: boolean } = {},
): Promise<ReceivedUpload<T>> {
  const field = opts.file ?? "context";
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data"))
    throw invalid(
      `body: send multipart/form-data with ${opts.specOptional ? "an" : "a `spec` field and a"} \`${field}\` file`,
      { body: "multipart/form-data expected" },
    );
  const body = req.body;
  if (!body) throw invalid(`${field}: no archive uploaded`, { [field]: "is required" });
  const workdir = await makeWorkdir();
  const archivePath = path.join(workdir, "upload");
  try {
    return await new Promise<ReceivedUpload<T>>((resolve, reject) => {
      let bb: busboy.Busboy;
      try {
        bb = busboy({
          headers: { "content-type": type },
          limits: { files: 1, fields: 4, fieldSize: 256 * 1024, fileSize: buildConfig.contextMaxBytes },
        });
      } catch (e) {
        // busboy throws at once on a malformed header, e.g. multipart/form-data without a boundary.
        return reject(
          invalid(`body: malformed multipart upload (${errorText(e)})`, {
            body: "malformed multipart",
          }),
        );
      }
      let spec: Promise<T> | null = null;
      let file: Promise<{ filename: string; bytes: number }> | null = null;
      const fail = (e: unknown) => {
        req.body?.cancel().catch(() => undefined);
        reject(e);
      };
      bb.on("field", (name, value) => {
        if (name !== "spec") return;
        let raw: unknown;
        try {
          raw = JSON.parse(value);
        } catch {
          return fail(invalid("spec: not valid JSON", { spec: "not valid JSON" }));
        }
        spec = checkSpec(raw);
        spec.catch(fail);
      });
      bb.on("file", (name, stream, info) => {
        if (name !== field || file) return stream.resume();
        if (!spec && opts.specOptional) {
          spec = checkSpec({});
          spec.catch(fail);
        }
        if (!spec) {
          stream.resume();
          return fail(
            invalid(`spec: send the \`spec\` field before the \`${field}\` file`, {
              spec: "must come before the file",
            }),
          );
        }
        let bytes = 0;
        let over = false;
        stream.on("limit", () => (over = true));
        // Counted inside the pipeline: a "data" listener here would start the flow before the file is opened.
        const count = new Transform({
          transform: (c: Buffer, _e, cb) => {
            bytes += c.length;
            cb(null, c);
          },
        });
        file = spec.then(async () => {
          await pipeline(stream, count, fs.createWriteStream(archivePath, { flags: "wx", mode: 0o600 }));
          if (over)
            throw invalid(
              `${field}: the archive is larger than the limit of ${formatLimit(buildConfig.contextMaxBytes)}`,
              { [field]: `larger than ${formatLimit(buildConfig.contextMaxBytes)}` },
            );
          return { filename: path.basename(info.filename || field), bytes };
        });
        file.catch(fail);
      });
      bb.on("error", (e) =>
        fail(
          invalid(`body: malformed multipart upload (${errorText(e)})`, {
            body: "malformed multipart",
          }),
        ),
      );
      bb.on("close", async () => {
        try {
          if (!spec && !opts.specOptional) throw invalid("spec: is required", { spec: "is required" });
          const s = await (spec ?? checkSpec({}));
          if (!file) throw invalid(`${field}: no archive uploaded`, { [field]: "is required" });
          const f = await file;
          resolve({ spec: s, workdir, archivePath, ...f });
        } catch (e) {
          reject(e);
        }
      });
      Readable.from(body).on("error", fail).pipe(bb);
    });
  } catch (err) {
    await removeWorkdir(workdir);
    throw err;
  }
}
