import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { type z } from "zod";
import { conflict, invalid, notFound } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { requireTenantRole, scopedTenantIds, tenantRole } from "@/lib/authz";
import { extractArchive } from "@/lib/builds/archive";
import {
  BUILD_INTERRUPTED,
  BUILD_LEASE_MS,
  expireBuildLeases,
  heldByThisProcess,
  takeAbandonedBuilds,
} from "@/lib/builds/build-lease";
import { buildConfig } from "@/lib/builds/config";
import { assertDockerfile } from "@/lib/builds/context-writer";
import { reservedDockerfileLabels } from "@/lib/builds/dockerfile-labels";
import { refuseForeignBuildImages } from "@/lib/builds/image-check";
import { closeLiveLog, liveLog, openLiveLog } from "@/lib/builds/live-log";
import { buildLogSecrets } from "@/lib/builds/log-secrets";
import { prepareGit, prepareInline, type PreparedSource } from "@/lib/builds/prepare";
import { abortRunningBuilds, cancelQueuedOrRunning, enqueueBuild, stopBuildQueue } from "@/lib/builds/queue";
import { assertRegistryInTenant } from "@/lib/builds/registry-credentials";
import { pushTags, runBuild, type BuildPlan } from "@/lib/builds/runner";
import { ArchiveError } from "@/lib/builds/safe-path";
import { receiveUpload } from "@/lib/builds/upload";
import { removeWorkdir } from "@/lib/builds/workdir";
import { db } from "@/lib/db";
import { dockerFor } from "@/lib/docker/client";
import { hostConnection } from "@/lib/docker/host-connection";
import { APP_LABEL, BUILD_LABEL, PROJECT_LABEL, TENANT_LABEL } from "@/lib/docker/labels";
import { removeBuildNetwork } from "@/lib/egress/build-network";
import { readBuildSource, sealText } from "@/lib/secrets/at-rest";
import { isSecretEntry, scrubText } from "@/lib/secrets/model";
import { buildTags, toBuildView, viewInclude } from "@/lib/services/build-view";
import { isHostGranted } from "@/lib/services/hosts";
import { loadProject } from "@/lib/services/projects";
import {
  BuildUploadSpec,
  type BuildCreateInput,
  type BuildListQuery,
  type BuildOptions,
} from "@/lib/validations/build";
import { buildTagNames, scopedTag } from "@/lib/validations/image-tags";
import { roleAtLeast } from "@/lib/validations/roles";

type Options = z.infer<typeof BuildOptions>;
export type StartedBy = {
  actor: Actor | null;
  /** For builds without an actor (webhooks): whether whoever configured them is an admin. */
  admin?: boolean;
  userId: string | null;
  appId?: string | null;
  afterSuccess?: BuildPlan["afterSuccess"];
};

/** Who may build what, where: a developer of the project's tenant, on a host granted to that tenant (admins: any host). */
export async function authorizeBuild(
  actor: Actor,
  opts: Pick<Options, "projectId" | "hostId" | "registryId">,
) {
  const project = await loadProject(actor, opts.projectId, "developer");
  const host = await db.host.findUnique({ where: { id: opts.hostId }, select: { id: true } });
  if (!host || (!isAdmin(actor) && !(await isHostGranted(opts.hostId, project.tenantId))))
    throw notFound("Host");
  if (opts.registryId) await assertRegistryInTenant(project.tenantId, opts.registryId);
  return project;
}

/** Records the build and queues it; the prepared source's temporary directory belongs to the build from here on. */
export async function queueBuild(
  project: { id: string; tenantId: string; slug: string; tenant: { slug: string } },
  sourceType: "git" | "upload" | "inline",
  opts: Options,
  src: PreparedSource,
  by: StartedBy,
) {
  const pushTags = buildTagNames(project.slug, opts.tags, randomBytes(4).toString("hex"));
  const localTags = pushTags.map((t) => scopedTag(project.tenant.slug, project.slug, t));
  const source = {
    ...src.display,
    dockerfile: opts.dockerfile,
    buildArgs: opts.buildArgs,
    secretArgs: opts.secretArgs,
    target: opts.target ?? "",
    registryId: opts.registryId ?? "",
  };
  const sealed = Object.entries(opts.buildArgs).some(([k, v]) => isSecretEntry(k, v, opts.secretArgs));
  let build;
  try {
    build = await db.build.create({
      data: {
        projectId: project.id,
        hostId: opts.hostId,
        appId: by.appId ?? null,
        sourceType,
        // Encrypted at rest when a build arg is secret (lib/secrets/model.ts).
        source: sealText(JSON.stringify(source), sealed),
        commit: src.commit,
        tags: localTags,
        status: "queued",
        createdById: by.userId,
        ...heldByThisProcess(),
      },
    });
  } catch (err) {
    await removeWorkdir(src.workdir);
    throw err;
  }
  const plan: BuildPlan = {
    buildId: build.id,
    tenantId: project.tenantId,
    hostId: opts.hostId,
    workdir: src.workdir,
    contextDir: src.contextDir,
    git: src.git,
    dockerfile: opts.dockerfile,
    buildArgs: opts.buildArgs,
    target: opts.target,
    localTags,
    pushTags,
    registryId: opts.registryId,
    labels: {
      [TENANT_LABEL]: project.tenantId,
      [PROJECT_LABEL]: project.id,
      [BUILD_LABEL]: build.id,
      // Always stamped (empty without an app), so a base image's value never survives into this image.
      [APP_LABEL]: by.appId ?? "",
    },
    egressAdmin: by.actor ? isAdmin(by.actor) : (by.admin ?? false),
    afterSuccess: by.afterSuccess,
    admin: by.actor ? isAdmin(by.actor) : false,
  };
  const secrets = await buildLogSecrets(project.tenantId, {
    buildArgs: opts.buildArgs,
    secretArgs: opts.secretArgs,
    gitPassword: src.git?.access.password,
  });
  openLiveLog(build.id, secrets).append("[wharf] Waiting for a build slot…\n");
  await enqueueBuild(
    build.id,
    project.tenantId,
    (signal) => runBuild(plan, signal),
    () => removeWorkdir(src.workdir),
  );
  return build.id;
}

/** A Dockerfile already in hand (inline, upload) that reads another tenant's image is refused before anything is recorded. */
async function refuseBeforeQueue(
  actor: Actor,
  project: { tenantId: string },
  opts: Pick<Options, "hostId" | "dockerfile" | "buildArgs">,
  src: PreparedSource,
) {
  if (src.git) return; // cloned when the build runs; checked there
  try {
    const engine = dockerFor(await hostConnection(opts.hostId));
    await refuseForeignBuildImages(
      { ...opts, tenantId: project.tenantId, admin: isAdmin(actor), contextDir: src.contextDir },
      engine,
    );
  } catch (err) {
    await removeWorkdir(src.workdir);
    throw err;
  }
}

export async function createBuild(actor: Actor, input: z.infer<typeof BuildCreateInput>) {
  const project = await authorizeBuild(actor, input);
  // An inline Dockerfile is known now: a reserved LABEL is a 422 before anything is queued (others: lib/builds/runner.ts).
  const [reserved] = input.sourceType === "inline" ? reservedDockerfileLabels(input.inline.dockerfile) : [];
  if (reserved)
    throw invalid(`inline.dockerfile: line ${reserved.line}: ${reserved.reason}`, {
      "inline.dockerfile": `line ${reserved.line}: ${reserved.reason}`,
    });
  const src =
    input.sourceType === "git"
      ? await prepareGit(input.git, { allowLocal: isAdmin(actor) })
      : await prepareInline(input.inline, input.dockerfile);
  await refuseBeforeQueue(actor, project, input, src);
  const id = await queueBuild(project, input.sourceType, input, src, { actor, userId: actor.id });
  return getBuild(actor, id);
}

async function loadBuild(actor: Actor, id: string, min: "viewer" | "developer") {
  const b = await db.build.findUnique({ where: { id }, include: viewInclude });
  if (!b) throw notFound("Build");
  requireTenantRole(actor, b.project.tenantId, min, "Build");
  return b;
}

export async function getBuild(actor: Actor, id: string) {
  const b = await loadBuild(actor, id, "viewer");
  return (await toBuildViews(actor, [b]))[0];
}

/** 1-based place of each queued build in its tenant's queue, counted in the database (every instance's builds). */
async function queuePositions(
  rows: { id: string; status: string; createdAt: Date; project: { tenantId: string } }[],
) {
  const queued = rows.filter((r) => r.status === "queued");
  const places = await Promise.all(
    queued.map((r) =>
      db.build.count({
        where: {
          status: "queued",
          project: { tenantId: r.project.tenantId },
          createdAt: { lte: r.createdAt },
        },
      }),
    ),
  );
  return new Map(queued.map((r, i) => [r.id, places[i]]));
}

async function toBuildViews(
  actor: Actor,
  rows: (Omit<Awaited<ReturnType<typeof loadBuild>>, "log"> & { log?: string })[],
) {
  const ids = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => !!id))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => [
      u.id,
      u.email,
    ]),
  );
  const positions = await queuePositions(rows);
  return rows.map((b) =>
    toBuildView(b, {
      seesSecrets: roleAtLeast(tenantRole(actor, b.project.tenantId), "developer"),
      createdBy: b.createdById ? (users.get(b.createdById) ?? null) : null,
      queuePosition: positions.get(b.id) ?? null,
      liveBytes: liveLog(b.id)?.bytes,
    }),
  );
}

export async function listBuilds(actor: Actor, q: z.infer<typeof BuildListQuery>) {
  if (q.projectId) await loadProject(actor, q.projectId, "viewer");
  const tenants = await scopedTenantIds(actor, q.tenantId);
  const rows = await db.build.findMany({
    where: {
      ...(tenants ? { project: { tenantId: { in: tenants } } } : {}),
      ...(q.projectId ? { projectId: q.projectId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.appId ? { appId: q.appId } : {}),
    },
    include: viewInclude,
    omit: { log: true },
    orderBy: { createdAt: "desc" },
    take: q.limit,
  });
  return toBuildViews(actor, rows);
}

export async function cancelBuild(actor: Actor, id: string) {
  const b = await loadBuild(actor, id, "developer");
  if (!["queued", "running"].includes(b.status))
    throw conflict(
      `The build already ${b.status === "succeeded" ? "succeeded" : `is ${b.status}`}; only queued or running builds can be cancelled`,
    );
  const where = await cancelQueuedOrRunning(id);
  if (where !== "running") {
    // Never started (or orphaned by a restart): nothing runs, so record the end here.
    const log = liveLog(id);
    log?.append("[wharf] Build cancelled before it started\n");
    await db.build.update({
      where: { id },
      data: {
        status: "cancelled",
        error: "cancelled by a user",
        finishedAt: new Date(),
        ...(log ? { log: log.text() } : {}),
      },
    });
    closeLiveLog(id);
  }
  return { id, tenantId: b.project.tenantId, was: where ?? b.status };
}

const LOG_POLL_MS = 1000;
const active = (status: string) => status === "queued" || status === "running";

/**
 * The log as stored: finished builds, and builds running on another instance, whose holder writes the log to the
 * row every second (lib/builds/runner.ts): followed by polling the row until the build ends (issue 20).
 */
function followStoredLog(id: string): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  let open = true;
  return new ReadableStream({
    start(c) {
      const tick = async () => {
        const row = await db.build
          .findUnique({ where: { id }, select: { log: true, status: true } })
          .catch(() => undefined);
        if (!open) return;
        if (row === undefined) return void (timer = setTimeout(() => void tick(), LOG_POLL_MS));
        if (row && row.log.length > sent) {
          c.enqueue(enc.encode(row.log.slice(sent)));
          sent = row.log.length;
        }
        if (row && active(row.status)) return void (timer = setTimeout(() => void tick(), LOG_POLL_MS));
        open = false;
        c.close();
      };
      return tick();
    },
    cancel() {
      open = false;
      clearTimeout(timer);
    },
  });
}

/** The log: what was logged so far, then (while the build runs) every new line as it comes. */
export async function openBuildLog(actor: Actor, id: string): Promise<ReadableStream<Uint8Array>> {
  await loadBuild(actor, id, "viewer");
  const live = liveLog(id);
  const enc = new TextEncoder();
  if (!live) return followStoredLog(id);
  let stop = () => {};
  return new ReadableStream({
    start(c) {
      let open = true;
      stop = live.follow(
        (t: string) => open && c.enqueue(enc.encode(t)),
        () => {
          if (open) {
            open = false;
            c.close();
          }
        },
      );
    },
    cancel() {
      stop();
    },
  });
}

/**
 * Builds whose instance died (its lease ran out, or this instance restarted) cannot resume: their context was in that
 * instance's temporary directory and their engine request died with it. They end "failed", and starting the build
 * again retries it. Swept at start and every third of a lease, on every instance; one takes each build.
 */
async function sweepAbandonedBuilds() {
  const taken = await takeAbandonedBuilds(BUILD_INTERRUPTED);
  // Their per-build networks (lib/egress/build-network.ts) were left behind. Removed in the background (returned for
  // a caller that waits): the engine may need a moment to stop a step container.
  const cleanup = Promise.all(taken.map(removeNetworkOfBuild));
  return { cleanup };
}

/** A build's network on its host, tried for a while (removeBuildNetwork). */
async function removeNetworkOfBuild(b: { id: string; hostId: string }) {
  try {
    await removeBuildNetwork(dockerFor(await hostConnection(b.hostId)).call, b.id);
  } catch {
    /* the host is gone or unreachable: nothing to clean there now */
  }
}

declare global {
  var wharfBuildSweepTimer: NodeJS.Timeout | undefined;
}

/**
 * The server is stopping (lib/graceful-stop.ts, once the builds still running had their bounded wait): this process's
 * builds fail now, as the sweep would fail them once their lease ran out, and their networks are removed.
 */
export async function failBuildsOfThisProcess() {
  await stopBuildQueue();
  // Aborted rather than swept: a swept build's step container still runs while this process lives, so its network
  // could not be removed, and the next start would not sweep a row already failed (its network left for good).
  const aborted = await db.build.findMany({
    where: { id: { in: await abortRunningBuilds() } },
    select: { id: true, hostId: true },
  });
  await expireBuildLeases();
  await Promise.all([(await sweepAbandonedBuilds()).cleanup, ...aborted.map(removeNetworkOfBuild)]);
}

export async function startBuildRecovery() {
  const sweep = () => sweepAbandonedBuilds().catch((err) => console.error("[wharf] build sweep failed", err));
  await sweep();
  globalThis.wharfBuildSweepTimer ??= setInterval(() => void sweep(), BUILD_LEASE_MS / 3);
  globalThis.wharfBuildSweepTimer.unref();
}

/** A build from an uploaded archive: checked while streaming, extracted safely, its Dockerfile found, then queued. */
export async function createUploadBuild(actor: Actor, req: Request) {
  let project!: Awaited<ReturnType<typeof authorizeBuild>>;
  const up = await receiveUpload(req, async (raw) => {
    const spec = BuildUploadSpec.parse(raw);
    project = await authorizeBuild(actor, spec);
    return spec;
  });
  const contextDir = path.join(up.workdir, "ctx");
  let extracted;
  try {
    await mkdir(contextDir);
    extracted = await extractArchive(up.archivePath, contextDir, buildConfig.contextMaxBytes);
    await assertDockerfile(contextDir, up.spec.dockerfile);
    await rm(up.archivePath, { force: true });
  } catch (err) {
    await removeWorkdir(up.workdir);
    if (err instanceof ArchiveError) throw invalid(`context: ${err.message}`, { context: err.message });
    throw err;
  }
  const src: PreparedSource = {
    workdir: up.workdir,
    contextDir,
    commit: "",
    display: { filename: up.filename, archive: extracted.kind, bytes: up.bytes, files: extracted.entries },
  };
  await refuseBeforeQueue(actor, project, up.spec, src);
  const id = await queueBuild(project, "upload", up.spec, src, { actor, userId: actor.id });
  return getBuild(actor, id);
}

/** Pushes a finished build's tags to one of the tenant's registries; the output is appended to the build's log. */
export async function pushBuild(actor: Actor, id: string, registryId: string) {
  const b = await loadBuild(actor, id, "developer");
  if (b.status !== "succeeded") throw conflict("Only a build that succeeded can be pushed");
  await assertRegistryInTenant(b.project.tenantId, registryId);
  const local = buildTags(b.tags).filter((t) => t.startsWith("wharf/"));
  const prefix = `wharf/${b.project.tenant.slug}/${b.project.slug}/`;
  let text = "";
  let pushed: string[] = [];
  try {
    pushed = await pushTags(
      {
        tenantId: b.project.tenantId,
        hostId: b.hostId,
        registryId,
        imageId: b.imageId,
        names: local.map((t) => t.slice(prefix.length)),
      },
      (t) => (text += t),
    );
  } finally {
    // Not through a LiveLog (the build is over): the same secrets are scrubbed here.
    const source = readBuildSource(b.source);
    const secrets = await buildLogSecrets(b.project.tenantId, {
      buildArgs: source.buildArgs ?? {},
      secretArgs: source.secretArgs,
    });
    const log = (b.log + scrubText(text, secrets)).slice(0, buildConfig.logMaxBytes);
    await db.build.update({
      where: { id },
      data: {
        log,
        ...(pushed.length ? { tags: [...new Set([...buildTags(b.tags), ...pushed])] } : {}),
      },
    });
  }
  return getBuild(actor, id);
}
