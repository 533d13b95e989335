// A tar archive of a service's secrets and configs, for the engine's archive API (PUT /containers/{id}/archive at
// "/"): each file at its target with its owner and mode. Standalone containers get
// their files this way after create and before start: they then rest in the container's layer (docs/compose.md).
import { pack } from "tar-stream";
import type { ServiceSpec } from "@/lib/compose/spec";
import { FILE_KINDS, fileMode, fileTarget, type FileContents } from "./app-files";

const toId = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : 0);

export function serviceFiles(svc: ServiceSpec, contents: FileContents) {
  return FILE_KINDS.flatMap((kind) =>
    (svc[kind] ?? []).map((ref) => ({
      path: fileTarget(kind, ref),
      content: contents[kind][ref.source] ?? "",
      mode: fileMode(kind, ref),
      uid: toId(ref.uid),
      gid: toId(ref.gid),
    })),
  );
}

export async function filesArchive(files: ReturnType<typeof serviceFiles>): Promise<Buffer> {
  const p = pack();
  // No folder entries: the engine creates missing parents (0755) and leaves existing ones (e.g. /tmp) as they are.
  for (const f of files)
    p.entry(
      { name: f.path.split("/").filter(Boolean).join("/"), mode: f.mode, uid: f.uid, gid: f.gid },
      f.content,
    );
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}
