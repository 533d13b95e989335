import "server-only";
// Apps whose compose folder is uploaded as an archive (docs/compose.md, "From a repository or an archive"). The
// upload is checked like a build's (lib/builds/upload.ts and archive.ts: the same size limit, zip-slip, links out,
// absolute names, special files and bombs refused, nothing kept), then stored as uploaded for a day. Each plan or
// deploy naming it extracts it again into a private temporary folder, read like a repository's checkout
// (lib/compose/folder), and removes it after.
import fs from "node:fs/promises";
import path from "node:path";
import { errorCode, errorText, invalid } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { extractArchive } from "@/lib/builds/archive";
import { buildConfig } from "@/lib/builds/config";
import { ArchiveError } from "@/lib/builds/safe-path";
import { receiveUpload } from "@/lib/builds/upload";
import { makeWorkdir, removeWorkdir } from "@/lib/builds/workdir";
import { FolderError } from "@/lib/compose/folder/contained";
import { DEFAULT_COMPOSE_FILES } from "@/lib/compose/folder/load";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import type { AppVariables } from "@/lib/deploy/app-variables";
import type { FolderSource } from "@/lib/deploy/source";
import { folderError, readFolder, type Materialized } from "@/lib/services/app-repository";
import { loadProject } from "@/lib/services/projects";
import { AppArchiveView, type ArchiveSourceInput } from "@/lib/validations/app";

const FIELD = "source.archive";
/** How long an upload can be planned and deployed from; a new plan after that asks for it again. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** Uploads kept per project (newest first): each may be as large as a build context. */
const KEEP_PER_PROJECT = 5;

/** Beside the database and the secret key (the installation's data folder), never in a temporary folder. */
const storeDir = () =>
  process.env.WHARF_APP_ARCHIVE_DIR || path.join(path.dirname(config.secretKeyFile), "app-archives");
const storedPath = (id: string) => path.join(storeDir(), id);

type ArchiveRow = NonNullable<Awaited<ReturnType<typeof db.appArchive.findUnique>>>;

const toView = (row: ArchiveRow, composeFiles: string[]): AppArchiveView => ({
  id: row.id,
  projectId: row.projectId,
  filename: row.filename,
  kind: AppArchiveView.shape.kind.parse(row.kind),
  bytes: row.bytes,
  entries: row.entries,
  composeFiles,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
});

/**
 * The folder the compose file is read from: the archive's root, or its one top-level folder when it holds nothing
 * else (as GitHub's and GitLab's downloads are made: `shop-main/compose.yaml`).
 */
async function folderRoot(extracted: string): Promise<string> {
  const entries = await fs.readdir(extracted, { withFileTypes: true });
  return entries.length === 1 && entries[0].isDirectory() ? path.join(extracted, entries[0].name) : extracted;
}

/** Extracts an upload with the build upload's rules; refusals name the `field`, nothing is left behind. */
async function extractInto(file: string, workdir: string, field: string) {
  const dir = path.join(workdir, "src");
  await fs.mkdir(dir);
  try {
    const extracted = await extractArchive(file, dir, buildConfig.contextMaxBytes);
    return { ...extracted, root: await folderRoot(dir) };
  } catch (err) {
    if (err instanceof ArchiveError) throw invalid(`${field}: ${err.message}`, { [field]: err.message });
    throw err;
  }
}

/** POST /projects/{id}/archives: a developer of the project uploads a compose folder (multipart `archive` file). */
export async function uploadAppArchive(
  actor: Actor,
  projectId: string,
  req: Request,
): Promise<AppArchiveView> {
  const project = await loadProject(actor, projectId, "developer");
  const up = await receiveUpload(req, () => Promise.resolve({}), { file: "archive", specOptional: true });
  try {
    const extracted = await extractInto(up.archivePath, up.workdir, "archive");
    const composeFiles = (await fs.readdir(extracted.root)).filter((f) => DEFAULT_COMPOSE_FILES.includes(f));
    const row = await db.appArchive.create({
      data: {
        projectId: project.id,
        uploadedById: actor.id,
        filename: up.filename,
        kind: extracted.kind,
        bytes: up.bytes,
        entries: extracted.entries,
        expiresAt: new Date(Date.now() + KEEP_MS),
      },
    });
    await fs.mkdir(storeDir(), { recursive: true, mode: 0o700 });
    await fs.rename(up.archivePath, storedPath(row.id)).catch(async (err: unknown) => {
      // Another filesystem than the temporary folder's: copy instead.
      if (errorCode(err) !== "EXDEV") throw err;
      await fs.copyFile(up.archivePath, storedPath(row.id));
    });
    await pruneAppArchives(project.id);
    return toView(row, composeFiles);
  } finally {
    await removeWorkdir(up.workdir);
  }
}

/** Drops expired uploads, and a project's oldest beyond KEEP_PER_PROJECT (all projects when none is named). */
export async function pruneAppArchives(projectId?: string): Promise<void> {
  const expired = await db.appArchive.findMany({
    where: { expiresAt: { lt: new Date() } },
    select: { id: true },
  });
  const surplus = projectId
    ? await db.appArchive.findMany({
        where: { projectId },
        orderBy: { createdAt: "desc" },
        skip: KEEP_PER_PROJECT,
        select: { id: true },
      })
    : [];
  for (const { id } of [...expired, ...surplus]) {
    await db.appArchive.deleteMany({ where: { id } });
    await fs.rm(storedPath(id), { force: true });
  }
}

/** Start-up hook: expired uploads are removed every hour. */
export function startAppArchivePruning(): void {
  const prune = () =>
    void pruneAppArchives().catch((err: unknown) =>
      console.error(`[wharf] pruning uploaded app archives failed: ${errorText(err)}`),
    );
  prune();
  setInterval(prune, 60 * 60 * 1000).unref();
}

/**
 * An uploaded archive of the app's project, extracted and its compose folder read; the caller removes `checkout`.
 * An id of another project (or tenant), or an expired one, answers like a missing one.
 */
export async function checkoutArchive(
  projectId: string,
  input: ArchiveSourceInput,
  variables: AppVariables,
): Promise<Materialized & { source: FolderSource }> {
  const row = await db.appArchive.findFirst({
    where: { id: input.id, projectId, expiresAt: { gt: new Date() } },
  });
  const file = row ? storedPath(row.id) : "";
  if (!row || !(await fs.stat(file).catch(() => null))) {
    const why = "no such upload in this app's project (uploads are kept 24 hours); upload the archive again";
    throw invalid(`${FIELD}.id: ${why}`, { [`${FIELD}.id`]: why });
  }
  const workdir = await makeWorkdir();
  try {
    const { root } = await extractInto(file, workdir, `${FIELD}.id`);
    return {
      checkout: workdir,
      folder: { root, kind: "upload", commit: "", display: { filename: row.filename, archive: row.kind } },
      source: await readFolder(root, "archive", input, variables, { archive: row.filename }),
    };
  } catch (err) {
    await removeWorkdir(workdir);
    if (err instanceof FolderError) throw folderError(err, FIELD);
    throw err;
  }
}
