import "server-only";
// Plan and deploy one app: read what runs, plan, check quotas, record the revision, execute, and
// keep the previous revision running when the executor fails.
import { conflict, hostReadError, invalid } from "@/lib/api/errors";
import { buildLogSecrets } from "@/lib/builds/log-secrets";
import type { AppSpec } from "@/lib/compose/spec";
import { db } from "@/lib/db";
import { NO_VARIABLES, variableSecrets, type AppVariables } from "@/lib/deploy/app-variables";
import { revisionSource, revisionSpec, type RevisionSource } from "@/lib/deploy/revision-row";
import { dockerFor } from "@/lib/docker/client";
import { localImageId } from "@/lib/docker/deploy-containers";
import { hostConnection } from "@/lib/docker/host-connection";
import { listHostPortBindings } from "@/lib/docker/published-ports";
import { readSwarmState } from "@/lib/docker/services";
import { requestEdgeSync } from "@/lib/edge/sync";
import type { AppStatus } from "@/lib/generated/prisma/enums";
import { instruments, timed } from "@/lib/metrics/instruments";
import { specSecretStrings } from "@/lib/secrets/spec";
import { readActual, type EngineSnapshot } from "./actual";
import { fileContents } from "./app-files";
import { engineNameOf } from "./engine-spec";
import { resolveExternals } from "./externals";
import { enforceHostPolicy } from "./host-policy";
import { hostPortConflicts } from "./host-ports";
import { checkImageAccess, pullAsTenant, specImages } from "./image-access";
import { assertImageEgress } from "./image-egress";
import { acquireLease } from "./lease";
import { trackDeploy } from "./live-progress";
import { computePlan } from "./plan";
import { ProgressRecord } from "./progress-record";
import {
  checkQuota,
  maxDemand,
  NO_DEMAND,
  quotaHeld,
  reserveQuota,
  settleQuota,
  specDemand,
  type Usage,
} from "./quotas";
import { failRevision, finishRevision, noteDeployed, openRevision, summary } from "./revision-outcome";
import { applyStandalone } from "./standalone";
import { applySwarm } from "./swarm";
import type { AppTarget, Plan, Progress } from "./types";
import type Docker from "dockerode";

export type DeployContext = {
  target: AppTarget;
  actorId: string;
  /** Whether the one deploying is an admin: the egress policy's default refusals do not apply, and any image
   *  on the host may be used (others: only the tenant's own and shared ones, docs/security.md "Images"). */
  admin: boolean;
  currentRevisionId: string | null;
  status: AppStatus;
  /** The app's variables: contents of its compose secrets/configs, and secret values that seal the revision. */
  variables?: AppVariables;
};
export type PlanResult = {
  plan: Plan & { usage: Usage };
  /** The app's target with its external networks and volumes resolved: what the executors use. */
  target: AppTarget;
  snapshot: EngineSnapshot;
  docker: ReturnType<typeof dockerFor>;
  /** Nodes of the Swarm (1 on a host): a global service's task count, for quotas. */
  nodes: number;
};
export type DeployResult = { changed: boolean; revision: number | null; plan: Plan & { usage?: Usage } };

declare global {
  var wharfDeployLocks: Set<string> | undefined;
}
const g = globalThis;
/** The apps whose lease this process holds (what the app view shows as "deploying" at once). */
const locks = (g.wharfDeployLocks ??= new Set());

/**
 * One change at a time per app, across every instance on the database: the app's lease (lib/deploy/lease.ts).
 * 409 while another change holds it; a holder that died loses it after LEASE_MS.
 */
export async function withAppLock<T>(appId: string, fn: () => Promise<T>): Promise<T> {
  const lease = locks.has(appId) ? null : await acquireLease(appId);
  if (!lease)
    throw conflict("Another deploy, scale or rollback of this app is in progress; try again when it is done");
  locks.add(appId);
  try {
    return await fn();
  } finally {
    locks.delete(appId);
    await lease.release();
  }
}
export const isAppBusy = (appId: string) => locks.has(appId);

export async function engineFor(t: Pick<AppTarget, "hostId" | "mode">) {
  const docker = dockerFor(await hostConnection(t.hostId));
  if (t.mode === "swarm") {
    const state = await readSwarmState(docker.call).catch((err) => {
      throw hostReadError(err);
    });
    if (!state.manager)
      throw conflict("This app targets a Swarm, but its host is not a Swarm manager now", {
        hostId: "not a Swarm manager",
      });
  }
  return docker;
}

export async function currentSpec(
  revisionId: string | null,
): Promise<{ spec: AppSpec; number: number; source: RevisionSource | null } | null> {
  if (!revisionId) return null;
  const r = await db.revision.findUnique({
    where: { id: revisionId },
    select: { spec: true, number: true, source: true },
  });
  return r ? { spec: revisionSpec(r.spec), number: r.number, source: revisionSource(r.source) } : null;
}

/** Host ports the spec publishes that anything but this app (its `snapshot`, if it runs) holds on the host. */
export async function hostPortErrors(
  docker: Docker,
  spec: AppSpec,
  snapshot?: EngineSnapshot,
): Promise<Record<string, string>> {
  const own = {
    containerIds: new Set([
      ...(snapshot?.containers.map((c) => c.id) ?? []),
      ...Object.values(snapshot?.tasks ?? {}).flatMap((ks) => ks.map((k) => k.containerId)),
    ]),
    serviceIds: new Set(snapshot?.services.map((s) => s.id) ?? []),
  };
  return hostPortConflicts(spec, await listHostPortBindings(docker), own);
}

export async function planDeploy(
  ctx: DeployContext,
  spec: AppSpec,
  progress: Progress = () => undefined,
): Promise<PlanResult> {
  // Before anything is pulled or created: external objects must be the tenant's own or shared with it.
  const t = { ...ctx.target, externals: await resolveExternals(ctx.target, spec) };
  await assertImageEgress(spec, { admin: ctx.admin });
  await enforceHostPolicy(t.hostId, spec, ctx.admin);
  const docker = await engineFor(t);
  const access = { docker: docker.call, tenantId: t.tenantId, hostId: t.hostId };
  const toPull = await checkImageAccess(access, specImages(spec), ctx.admin);
  // Plan pulls too: only the registry can say whether this tenant's credentials reach the image, and a
  // plan that says yes to an image the deploy then refuses would be a lie.
  await pullAsTenant({ ...access, slowDocker: docker.stream }, toPull, progress);
  let snapshot: EngineSnapshot;
  let imageIds: Record<string, string | undefined> | undefined;
  let portErrors: Record<string, string>;
  try {
    snapshot = await readActual(docker.call, t);
    portErrors = await hostPortErrors(docker.call, spec, snapshot);
    if (t.mode === "standalone") {
      // A service still to be built has no image yet (the plan then says "update": it is rebuilt on deploy).
      const entries = await Promise.all(
        Object.entries(spec.services).map(
          async ([n, s]) =>
            [n, s.build ? undefined : ((await localImageId(docker.call, s.image)) ?? undefined)] as const,
        ),
      );
      imageIds = Object.fromEntries(entries);
    }
  } catch (err) {
    throw hostReadError(err);
  }
  const previous = (await currentSpec(ctx.currentRevisionId))?.spec ?? null;
  const nameOf = engineNameOf(t);
  const plan = computePlan({
    desired: spec,
    actual: snapshot.state,
    mode: t.mode,
    previous,
    imageIds,
    nameOf,
  });
  const errors = { ...plan.errors, ...portErrors };
  const [first] = Object.entries(errors);
  if (first) throw conflict(`${first[0]}: ${first[1]}`, errors);
  const nodes = t.mode === "swarm" ? (await readSwarmState(docker.call)).nodes : 1;
  const { usage, warnings } = await checkQuota(t.tenantId, t.appId, spec, nodes);
  return {
    plan: { ...plan, warnings: [...plan.warnings, ...warnings], usage },
    target: t,
    snapshot,
    docker,
    nodes,
  };
}

/** Runs a plan on the engine, its containers labelled with revision `number`. */
export async function applyPlan(
  ctx: DeployContext,
  spec: AppSpec,
  p: Pick<PlanResult, "plan" | "snapshot" | "docker" | "target">,
  number: number,
  progress: Progress,
) {
  const args = {
    docker: p.docker.call,
    slowDocker: p.docker.stream,
    target: p.target,
    desired: spec,
    snapshot: p.snapshot,
    plan: p.plan,
    revision: number,
    progress,
    admin: ctx.admin,
    files: fileContents(spec, ctx.variables ?? NO_VARIABLES),
  };
  await (p.target.mode === "swarm" ? applySwarm(args) : applyStandalone(args));
}

/**
 * `build` (deploys of a spec whose services have `build:`): runs inside the app lock, before the plan,
 * and returns the spec with each built service's image set (lib/services/app-builds.ts). It fails
 * before any revision is recorded, so a failed build changes nothing.
 */
export type DeployOptions = { build?: (spec: AppSpec) => Promise<AppSpec> };

export async function deploySpec(
  ctx: DeployContext,
  spec: AppSpec,
  source: RevisionSource,
  progress: Progress,
  note = "",
  opts: DeployOptions = {},
): Promise<DeployResult> {
  // Every deploy's duration and outcome for /metrics (docs/metrics.md); "unchanged" when there was nothing to do.
  const outcome = (r: DeployResult) => (r.changed ? "succeeded" : "unchanged");
  // Routes follow the replicas: the edge proxy gets the new upstreams once the deploy is done (lib/edge/sync.ts).
  const deploy = () =>
    deployLocked(ctx, spec, source, progress, note, opts).finally(() => void requestEdgeSync());
  return timed(instruments().deployDuration, { mode: ctx.target.mode }, deploy, outcome);
}

async function deployLocked(
  ctx: DeployContext,
  spec: AppSpec,
  source: RevisionSource,
  progress: Progress,
  note: string,
  opts: DeployOptions,
): Promise<DeployResult> {
  const t = ctx.target;
  // What the app page shows of this deploy later, scrubbed like a build log: the spec's and variables' secrets
  // and the tenant's registry passwords (pulls use them).
  const record = new ProgressRecord([
    ...specSecretStrings(spec),
    ...variableSecrets(ctx.variables ?? NO_VARIABLES),
    ...(await buildLogSecrets(t.tenantId, { buildArgs: {} })),
  ]);
  progress = record.wrap(progress);
  return withAppLock(t.appId, async () => {
    spec = await buildFirst(t, spec, opts);
    progress("plan", "reading what runs and planning");
    const { plan, snapshot, docker, nodes, target } = await planDeploy(ctx, spec, progress);
    const current = await currentSpec(ctx.currentRevisionId);
    if (plan.changes === 0) {
      progress("done", "nothing to change: the host already runs this spec");
      return { changed: false, revision: current?.number ?? null, plan };
    }
    // The plan's check read the holds; this reserves, atomically per tenant, before anything is recorded or created.
    const held = (await quotaHeld(t.appId)) ?? (current ? specDemand(current.spec, nodes) : NO_DEMAND);
    const wanted = specDemand(spec, nodes);
    await reserveQuota(t.tenantId, t.appId, maxDemand(held, wanted));
    const rev = await openRevision(ctx, spec, source, note);
    // Other viewers of the app, on this instance or another, follow the lines from here (lib/deploy/live-progress.ts).
    const untrack = trackDeploy(t.appId, rev.id, record);
    try {
      progress("plan", `revision ${rev.number}: ${summary(plan)}`);
      await applyPlan(ctx, spec, { plan, snapshot, docker, target }, rev.number, progress).catch(
        (err: unknown) => failRevision(ctx, rev, current, held, record, note, err),
      );
      await settleQuota(t.tenantId, t.appId, wanted);
      await finishRevision(ctx, rev, spec, plan, record, note);
      progress("done", `revision ${rev.number} is live`);
      await noteDeployed(t, rev, plan, record, note);
      return { changed: true, revision: rev.number, plan };
    } finally {
      untrack();
    }
  });
}

/** Builds the spec's images first when it has `build:` services (only a deploy with a source may). */
async function buildFirst(t: AppTarget, spec: AppSpec, opts: DeployOptions): Promise<AppSpec> {
  const toBuild = Object.keys(spec.services).filter((n) => spec.services[n].build);
  if (toBuild.length === 0) return spec;
  if (!opts.build)
    throw invalid(
      `services.${toBuild[0]}.build: only a deploy with a source builds images; scale, rollback and service updates use built images`,
      { [`services.${toBuild[0]}.build`]: "not here" },
    );
  // Quotas and external objects do not depend on what a build makes: refuse before spending a build on them.
  await checkQuota(t.tenantId, t.appId, spec);
  await resolveExternals(t, spec);
  return opts.build(spec);
}
