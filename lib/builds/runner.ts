import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pack } from "tar-fs";
import { errorText } from "@/lib/api/errors";
import { BUILD_INTERRUPTED } from "@/lib/builds/build-lease";
import { assertDockerfile } from "@/lib/builds/context-writer";
import { prepareDockerfileEgress, refuseFetchingTriggers } from "@/lib/builds/dockerfile-egress";
import { reservedDockerfileLabels } from "@/lib/builds/dockerfile-labels";
import { cloneRef, type GitAccess } from "@/lib/builds/git-clone";
import { dockerfileImages, prepareBuildImages } from "@/lib/builds/image-check";
import { closeLiveLog, liveLog, openLiveLog, type LiveLog } from "@/lib/builds/live-log";
import { SERVER_STOPPING } from "@/lib/builds/queue";
import { registryForPush } from "@/lib/builds/registry-credentials";
import { entryPath } from "@/lib/builds/safe-path";
import { removeWorkdir } from "@/lib/builds/workdir";
import { reservedLabelPrefix } from "@/lib/compose/reserved-labels";
import { db } from "@/lib/db";
import { buildImage, inspectImage, tagImage, untagImage } from "@/lib/docker/build";
import { dockerFor } from "@/lib/docker/client";
import { hostConnection } from "@/lib/docker/host-connection";
import { pushImage } from "@/lib/docker/push";
import { withBuildNetwork } from "@/lib/egress/build-network";
import { noteWharfEvent } from "@/lib/fleet/timeline";
import { recordTenantImage } from "@/lib/images/access";
import { instruments } from "@/lib/metrics/instruments";
import type { BuildStatus } from "@/lib/validations/build";
import { displayGitUrl } from "@/lib/validations/git-url";
import { pushedName, splitTag } from "@/lib/validations/image-tags";

export type BuildResult = { imageId: string; sizeBytes: number; tags: string[] };

/** Everything a queued build needs to run, prepared (and validated) when it was requested. */
export type BuildPlan = {
  buildId: string;
  tenantId: string;
  hostId: string;
  workdir: string;
  contextDir: string;
  git?: { access: GitAccess; ref?: string };
  dockerfile: string;
  buildArgs: Record<string, string>;
  target?: string;
  /** Local names, already scoped to the tenant and project. */
  localTags: string[];
  /** Names (without host) pushed to the registry. */
  pushTags: string[];
  registryId?: string;
  labels: Record<string, string>;
  /** Whether the one who started the build is an admin (the egress policy's default refusals do not apply). */
  egressAdmin: boolean;
  /** Started by an admin: any image on the host, and the engine's whole build cache. */
  admin: boolean;
  /** Runs after a successful build (webhook builds redeploy here); its failure fails the build. */
  afterSuccess?: (result: BuildResult, log: LiveLog) => Promise<void>;
};

const FLUSH_MS = 1000;

export async function runBuild(plan: BuildPlan, signal: AbortSignal): Promise<void> {
  const log = liveLog(plan.buildId) ?? openLiveLog(plan.buildId);
  const id = plan.buildId;
  // Its row is already "running": the queue claimed it (lib/builds/build-lease.ts).
  await db.build.update({ where: { id }, data: { startedAt: new Date() } });
  const t0 = performance.now();
  let flushed = 0;
  const flush = async () => {
    if (log.bytes === flushed) return;
    flushed = log.bytes;
    await db.build
      .update({ where: { id }, data: { log: log.text(), logTruncated: log.truncated } })
      .catch(() => undefined);
  };
  const timer = setInterval(() => void flush(), FLUSH_MS);
  let outcome: { status: BuildStatus; error: string; result?: BuildResult } = { status: "failed", error: "" };
  try {
    if (plan.git) {
      log.append(
        `[wharf] Cloning ${displayGitUrl(plan.git.access.url)}${plan.git.ref ? ` at ${plan.git.ref}` : ""}\n`,
      );
      const commit = await cloneRef(plan.git.access, plan.git.ref, plan.contextDir, signal);
      log.append(`[wharf] Checked out commit ${commit}\n`);
      await db.build.update({ where: { id }, data: { commit } });
    }
    await assertDockerfile(plan.contextDir, plan.dockerfile);
    await prepareDockerfileEgress(
      { contextDir: plan.contextDir, dockerfile: plan.dockerfile, signal, log: (t) => log.append(t) },
      { admin: plan.egressAdmin },
    );
    await refuseReservedLabels(plan);
    const engine = dockerFor(await hostConnection(plan.hostId));
    const cache = await prepareBuildImages(plan, engine, (t) => log.append(t));
    const images = [...(await dockerfileImages(plan)).keys()];
    await refuseFetchingTriggers(engine.call, images, { admin: plan.egressAdmin });
    const docker = engine.stream;
    const root = plan.contextDir;
    // tar-fs packs into a streamx stream; Readable.from gives dockerode the node stream it pipes into the request.
    const context = Readable.from(
      pack(root, {
        ignore: (name: string) =>
          name === path.join(root, ".git") || name.startsWith(path.join(root, ".git") + path.sep),
      }),
    );
    let imageId: string;
    try {
      imageId = await withBuildNetwork(docker, { tenantId: plan.tenantId, buildId: id }, (network) =>
        buildImage(
          docker,
          context,
          {
            dockerfile: plan.dockerfile,
            tags: plan.localTags,
            buildArgs: plan.buildArgs,
            target: plan.target,
            labels: plan.labels,
            network,
            signal,
            ...cache,
          },
          (t) => log.append(t),
        ),
      );
    } finally {
      context.destroy();
    }
    const info = await inspectImage(docker, imageId);
    await refuseReservedImageLabels(docker, plan, info.labels);
    await recordTenantImage(plan.tenantId, plan.hostId, info.id, plan.localTags[0] ?? "", "build");
    const result: BuildResult = { imageId: info.id, sizeBytes: info.sizeBytes, tags: plan.localTags };
    log.append(
      `[wharf] Built ${info.id} (${(info.sizeBytes / 1024 / 1024).toFixed(1)} MiB) as ${plan.localTags.join(", ")}\n`,
    );
    if (plan.registryId) {
      const pushed = await pushTags(
        {
          tenantId: plan.tenantId,
          hostId: plan.hostId,
          registryId: plan.registryId,
          imageId: info.id,
          names: plan.pushTags,
        },
        (t) => log.append(t),
        signal,
      );
      result.tags = [...result.tags, ...pushed];
    }
    await db.build.update({
      where: { id },
      data: { imageId: info.id, sizeBytes: info.sizeBytes, tags: result.tags },
    });
    if (plan.afterSuccess) await plan.afterSuccess(result, log);
    outcome = { status: "succeeded", error: "", result };
  } catch (err) {
    const stopping = signal.aborted && signal.reason === SERVER_STOPPING;
    const cancelled = signal.aborted && !stopping;
    const message = cancelled
      ? "cancelled by a user"
      : stopping
        ? BUILD_INTERRUPTED
        : log.scrub(errorText(err) || "build failed");
    outcome = { status: cancelled ? "cancelled" : "failed", error: message };
    log.append(`\n[wharf] Build ${outcome.status}: ${message}\n`);
  } finally {
    clearInterval(timer);
    await removeWorkdir(plan.workdir);
    if (outcome.status === "succeeded") log.append(`[wharf] Build succeeded\n`);
    log.settle();
    const row = await db.build.update({
      where: { id },
      data: {
        status: outcome.status,
        error: outcome.error,
        finishedAt: new Date(),
        log: log.text(),
        logTruncated: log.truncated,
      },
      select: { appId: true },
    });
    closeLiveLog(id);
    await noteWharfEvent({
      type: outcome.status === "succeeded" ? "build" : "build_failed",
      hostId: plan.hostId,
      tenantId: plan.tenantId,
      appId: row.appId,
      objectId: id,
      objectName: plan.localTags[0] ?? id,
      detail:
        outcome.status === "succeeded"
          ? `built ${plan.localTags.join(", ")}`
          : `build ${outcome.status}: ${outcome.error}`,
    });
    instruments().buildDuration.observe({ outcome: outcome.status }, (performance.now() - t0) / 1000);
  }
}

/** A Dockerfile (git and upload sources are only read here) that sets a reserved label fails before the build. */
async function refuseReservedLabels(plan: BuildPlan): Promise<void> {
  const text = await fs.readFile(path.join(plan.contextDir, entryPath(plan.dockerfile)), "utf8");
  const [first] = reservedDockerfileLabels(text);
  if (first) throw new Error(`${plan.dockerfile}: line ${first.line}: ${first.reason}`);
}

/**
 * The built image must carry no reserved label but the ones Wharf stamps (plan.labels, applied last, so they override
 * the Dockerfile's and the base image's): any other came from a base image or an ONBUILD trigger. The image is then
 * untagged and the build fails, naming the label.
 */
async function refuseReservedImageLabels(
  docker: ReturnType<typeof dockerFor>["stream"],
  plan: BuildPlan,
  labels: Record<string, string>,
): Promise<void> {
  const foreign = Object.keys(labels).find((k) => reservedLabelPrefix(k) && !(k in plan.labels));
  if (!foreign) return;
  for (const tag of plan.localTags) await untagImage(docker, tag);
  throw new Error(
    `the image carries the reserved label "${foreign}" (from its base image or an ONBUILD trigger); labels starting with "${reservedLabelPrefix(foreign)}" are refused`,
  );
}

/** Tags the image with the registry's host, pushes each tag with the tenant's credentials, then drops the extra local names. */
export async function pushTags(
  p: { tenantId: string; hostId: string; registryId: string; imageId: string; names: string[] },
  onLog: (text: string) => void,
  signal?: AbortSignal,
): Promise<string[]> {
  const { host, auth } = await registryForPush(p.tenantId, p.registryId);
  const { stream: docker } = dockerFor(await hostConnection(p.hostId));
  const pushed: string[] = [];
  const imageId = p.imageId;
  const log = { append: onLog };
  for (const name of p.names) {
    const { repo: remote, tag } = splitTag(pushedName(host, name));
    log.append(`[wharf] Pushing ${remote}:${tag}\n`);
    await tagImage(docker, imageId, remote, tag);
    try {
      const digest = await pushImage(docker, remote, tag, auth, (t) => log.append(t), signal);
      log.append(`[wharf] Pushed ${remote}:${tag}${digest ? ` (${digest})` : ""}\n`);
      pushed.push(`${remote}:${tag}`);
    } catch (err) {
      throw new Error(`push to ${host} failed: ${errorText(err)}`);
    } finally {
      await untagImage(docker, `${remote}:${tag}`);
    }
  }
  return pushed;
}
