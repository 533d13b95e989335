import "server-only";
// Apps: authorization per object and tenant, then lib/deploy for the engine work.
import { stringify as stringifyYaml } from "yaml";
import { ApiError, conflict, forbidden, notFound } from "@/lib/api/errors";
import { isAdmin, seesEverything, type Actor } from "@/lib/auth/actor";
import { requireTenantRole, scopedTenantIds, tenantFilter, tenantRole } from "@/lib/authz";
import type { FolderCheckout } from "@/lib/builds/folder-context";
import { removeWorkdir } from "@/lib/builds/workdir";
import { exportCompose } from "@/lib/compose/export";
import type { AppSpec } from "@/lib/compose/spec";
import { db } from "@/lib/db";
import { readActual } from "@/lib/deploy/actual";
import {
  NO_VARIABLES,
  readAppVariables,
  variableSecrets,
  variablesOf,
  writeVariables,
  type AppVariables,
} from "@/lib/deploy/app-variables";
import { engineNameOf } from "@/lib/deploy/engine-spec";
import { resolveExternals } from "@/lib/deploy/externals";
import { enforceHostPolicy } from "@/lib/deploy/host-policy";
import { checkImageAccess, pullAsTenant, specImages } from "@/lib/deploy/image-access";
import { removeAppObjects, runLifecycle } from "@/lib/deploy/lifecycle";
import { computePlan } from "@/lib/deploy/plan";
import { checkQuota, quotaHeld, reserveQuota, specDemand } from "@/lib/deploy/quotas";
import { diffLines, serviceChanges } from "@/lib/deploy/revision-diff";
import { revisionSource, revisionSpec } from "@/lib/deploy/revision-row";
import {
  currentSpec,
  deploySpec,
  engineFor,
  hostPortErrors,
  isAppBusy,
  planDeploy,
  withAppLock,
  type DeployContext,
} from "@/lib/deploy/run";
import { resolveSource, type FolderOrigin, type ResolvedSource } from "@/lib/deploy/source";
import { describeChanges, specChanges } from "@/lib/deploy/spec-diff";
import { toTarget } from "@/lib/deploy/target";
import type { Progress } from "@/lib/deploy/types";
import { serviceStates } from "@/lib/deploy/views";
import { engineMessage } from "@/lib/docker/engine-error";
import { requestEdgeSync } from "@/lib/edge/sync";
import { scrubDeep, scrubText } from "@/lib/secrets/model";
import { maskSpec, specSecretStrings } from "@/lib/secrets/spec";
import { buildServices } from "@/lib/services/app-builds";
import { materialize } from "@/lib/services/app-folder";
import { rememberRepository } from "@/lib/services/app-repository";
import { applyComposeDomains, checkComposeDomains } from "@/lib/services/compose-domains";
import { isHostGranted } from "@/lib/services/hosts";
import { loadProject } from "@/lib/services/projects";
import {
  AppMode,
  type AppComposeView,
  type AppCreateInput,
  type AppDetailView,
  type AppListItemView,
  type AppView,
  type CreatedAppView,
  type DeployResultView,
  type LifecycleAction,
  type PlanView,
  type RevisionDiffView,
  type RevisionSpecView,
  type RevisionView,
  type SpecChangeView,
  type SourceInput,
} from "@/lib/validations/app";
import { roleAtLeast } from "@/lib/validations/roles";
import type { z } from "zod";

const include = {
  project: { include: { tenant: { select: { id: true, slug: true } } } },
  host: { select: { name: true, url: true } },
} as const;
type AppRow = NonNullable<Awaited<ReturnType<typeof findApp>>>;
const findApp = (id: string) => db.app.findUnique({ where: { id }, include });

/** What a deploy, scale, rollback or service update stream re-checks while it is open (lib/api/live-response.ts). */
export const appStreamRights = ({ actor, params }: { actor: Actor; params: Record<string, string> }) =>
  loadApp(actor, params.id, "developer");

/** A route's audit draft (lib/api/with-auth.ts), written here by shape: services sit below lib/api. */
type AppAudit = {
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
  tenantId?: string | null;
};

/**
 * Fills an app route's audit draft: the target first, so a refusal by loadApp is still audited against the app,
 * then the app's tenant.
 */
export async function auditApp(actor: Actor, id: string, audit: AppAudit, detail: Record<string, unknown>) {
  Object.assign(audit, { targetType: "app", targetId: id, detail });
  audit.tenantId = (await loadApp(actor, id)).project.tenantId;
}

/** Loads an app the actor may act on with at least `min`; another tenant's app is a 404. */
export async function loadApp(
  actor: Actor,
  id: string,
  min: "viewer" | "developer" = "viewer",
): Promise<AppRow> {
  const app = await findApp(id);
  if (!app) throw notFound("App");
  requireTenantRole(actor, app.project.tenantId, min, "App");
  return app;
}

/** What a revision records when there is no source to keep (a spec given as JSON, or an old row). */
const NO_SOURCE = { type: "spec", text: "" };

/**
 * Runs `fn` with the app's secret variable values kept out of any error it throws (message and fields): they
 * reach the client and the audit log (docs/security.md, "Secrets").
 */
async function scrubbed<T>(variables: AppVariables, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const secrets = variableSecrets(variables);
    if (!(err instanceof ApiError) || secrets.length === 0) throw err;
    const fields = err.fields
      ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, scrubText(v, secrets)]))
      : undefined;
    throw new ApiError(err.status, err.code, scrubText(err.message, secrets), fields);
  }
}

/** Who deploys: a signed-in actor, or the user who configured a webhook (their rights, checked again now). */
type Deployer = { id: string; admin: boolean };
const deployer = (actor: Actor): Deployer => ({ id: actor.id, admin: isAdmin(actor) });

const context = (by: Deployer, app: AppRow, variables: AppVariables = NO_VARIABLES): DeployContext => ({
  variables,
  target: toTarget(app),
  actorId: by.id,
  admin: by.admin,
  currentRevisionId: app.currentRevisionId,
  status: app.status,
});

async function toView(app: AppRow): Promise<AppView> {
  const current = app.currentRevisionId
    ? await db.revision.findUnique({ where: { id: app.currentRevisionId }, select: { number: true } })
    : null;
  return {
    id: app.id,
    projectId: app.projectId,
    tenantId: app.project.tenantId,
    hostId: app.hostId,
    hostName: app.host.name,
    name: app.name,
    mode: AppMode.parse(app.mode),
    status: isAppBusy(app.id) ? "deploying" : app.status,
    currentRevision: current?.number ?? null,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  };
}

export async function listApps(actor: Actor, projectId: string): Promise<AppView[]> {
  await loadProject(actor, projectId, "viewer");
  const apps = await db.app.findMany({ where: { projectId }, include, orderBy: { name: "asc" } });
  return Promise.all(apps.map(toView));
}

/** Every app the actor can see, across projects (the Apps page). */
export async function listAllApps(actor: Actor, tenantId?: string): Promise<AppListItemView[]> {
  const apps = await db.app.findMany({
    where: { project: tenantFilter(actor, await scopedTenantIds(actor, tenantId)) },
    include,
    orderBy: [{ projectId: "asc" }, { name: "asc" }],
  });
  return Promise.all(apps.map(async (a) => ({ ...(await toView(a)), projectName: a.project.name })));
}

/** The host must be granted to the app's tenant: 404 when the actor cannot see the host at all, 403 when they can. */
async function requireGrantedHost(actor: Actor, hostId: string, tenantId: string) {
  const host = await db.host.findUnique({
    where: { id: hostId },
    select: { id: true, grants: { select: { tenantId: true } } },
  });
  const visible =
    host && (seesEverything(actor) || host.grants.some((g) => actor.memberships.has(g.tenantId)));
  if (!visible) throw notFound("Host");
  if (!(await isHostGranted(hostId, tenantId)))
    throw forbidden(
      "This host is not granted to the project's tenant; an admin can grant it on the Hosts page",
      { hostId: "not granted to this tenant" },
    );
}

export async function createApp(
  actor: Actor,
  projectId: string,
  input: z.infer<typeof AppCreateInput>,
): Promise<CreatedAppView> {
  const project = await loadProject(actor, projectId, "developer");
  await requireGrantedHost(actor, input.hostId, project.tenantId);
  if (await db.app.findUnique({ where: { projectId_name: { projectId, name: input.name } } })) {
    throw conflict(`This project already has an app named "${input.name}"`, { name: "already taken" });
  }
  // Variables given with the first source are stored with the app (the missing-variables form of a new app).
  const variables = input.variables ? variablesOf(input.variables) : NO_VARIABLES;
  const plan = await scrubbed(variables, () => firstPlan(actor, project, input, variables));
  const app = await db.$transaction(async (tx) => {
    const created = await tx.app.create({
      data: { projectId, hostId: input.hostId, name: input.name, mode: input.mode },
      include,
    });
    if (input.variables) await writeVariables(tx, created.id, input.variables, "replace");
    return created;
  });
  // Where its repository is, so a push reaches it before the first deploy too.
  if (input.source?.type === "repository")
    await rememberRepository(actor, app.id, input.source.repository, plan?.commit ?? "");
  return { app: await toView(app), plan };
}

/** The plan of a new app's first source against an empty host: parse, admission, host policy, images, quota. */
async function firstPlan(
  actor: Actor,
  project: Awaited<ReturnType<typeof loadProject>>,
  input: z.infer<typeof AppCreateInput>,
  variables: AppVariables,
) {
  const m = input.source
    ? await materialize(actor, { appId: null, projectId: project.id }, input.source, variables)
    : null;
  try {
    const resolved = m ? resolveSource(m.source, isAdmin(actor), input.mode, variables) : null;
    return await firstPlanOf(actor, project, input, resolved);
  } finally {
    await removeWorkdir(m?.checkout);
  }
}

async function firstPlanOf(
  actor: Actor,
  project: Awaited<ReturnType<typeof loadProject>>,
  input: z.infer<typeof AppCreateInput>,
  resolved: ResolvedSource | null,
) {
  const docker = await engineFor({ hostId: input.hostId, mode: input.mode }); // a Swarm target must be a manager now
  if (!resolved) return null;
  const scope = {
    tenantId: project.tenantId,
    tenantSlug: project.tenant.slug,
    projectId: project.id,
    projectSlug: project.slug,
    hostId: input.hostId,
  };
  await resolveExternals(scope, resolved.spec);
  await enforceHostPolicy(input.hostId, resolved.spec, isAdmin(actor));
  const access = { docker: docker.call, tenantId: project.tenantId, hostId: input.hostId };
  const toPull = await checkImageAccess(access, specImages(resolved.spec), isAdmin(actor));
  await pullAsTenant({ ...access, slowDocker: docker.stream }, toPull, () => undefined);
  const empty = { services: {}, networks: {}, volumes: {} };
  const { usage, warnings } = await checkQuota(project.tenantId, "", resolved.spec);
  const nameOf = engineNameOf({
    tenantSlug: project.tenant.slug,
    projectSlug: project.slug,
    appName: input.name,
    mode: input.mode,
  });
  const p = computePlan({ desired: resolved.spec, actual: empty, mode: input.mode, nameOf });
  // Refused before the app exists: the developer fixes the same form and plans again.
  const errors = { ...p.errors, ...(await hostPortErrors(docker.call, resolved.spec)) };
  const [first] = Object.entries(errors);
  if (first) throw conflict(`${first[0]}: ${first[1]}`, errors);
  return {
    ...p,
    usage,
    warnings: [...resolved.warnings, ...p.warnings, ...warnings],
    ...originOf(resolved, null),
  };
}

/** A revision's message names where a folder came from: the repository's commit or the archive's file name. */
const originLabel = (o: FolderOrigin) =>
  o.commit ? `commit ${o.commit.slice(0, 12)}` : `archive ${o.archive ?? ""}`.trim();

/** For a folder source: the commit and, against the running revision, what changed per service. */
function originOf(
  resolved: ResolvedSource,
  current: AppSpec | null,
): { commit?: string; diff?: SpecChangeView[] } {
  if (!resolved.origin) return {};
  const { commit } = resolved.origin;
  return { ...(commit ? { commit } : {}), diff: specChanges(current, resolved.spec) };
}

export async function getApp(actor: Actor, id: string): Promise<AppDetailView> {
  const app = await loadApp(actor, id);
  const current = await currentSpec(app.currentRevisionId);
  let services: ReturnType<typeof serviceStates> = [];
  let engineError: string | null = null;
  try {
    const docker = await engineFor(toTarget(app));
    services = serviceStates(
      current?.spec ?? null,
      await readActual(docker.call, toTarget(app)),
      toTarget(app).mode,
    );
  } catch (err) {
    engineError = err instanceof ApiError ? err.message : engineMessage(err);
  }
  // Never deployed (a failed first deploy): the last attempt's source, so "edit and redeploy" starts from it.
  const shown = current ?? (await lastAttempt(app.id));
  const stored = shown?.source ?? null;
  const source =
    stored && shown && !seesSecrets(actor, app.project.tenantId)
      ? maskSource(stored, shown.spec, await secretsOfVariables(app.id))
      : stored;
  return { ...(await toView(app)), hostAddress: engineAddress(app.host.url), source, services, engineError };
}

/** The newest revision's spec and source, whatever its outcome. */
async function lastAttempt(appId: string) {
  const r = await db.revision.findFirst({
    where: { appId },
    orderBy: { number: "desc" },
    select: { spec: true, source: true },
  });
  return r ? { spec: revisionSpec(r.spec), source: revisionSource(r.source) } : null;
}

/** The host name of a tcp:// or https:// engine URL (where its published ports answer); null for a socket. */
function engineAddress(url: string): string | null {
  if (url.startsWith("unix:") || url.startsWith("npipe:")) return null;
  try {
    return new URL(url.replace(/^tcp:/, "http:")).hostname || null;
  } catch {
    return null;
  }
}

/** Developers and owners of the tenant see secrets where they set them (the app's source and revisions). */
const seesSecrets = (actor: Actor, tenantId: string) => roleAtLeast(tenantRole(actor, tenantId), "developer");

/** A source's text with the spec's secret values, the app's secret variables (and any URL password) masked. */
function maskSource<T extends { text?: string }>(source: T, spec: AppSpec, secrets: string[]): T {
  return typeof source.text === "string"
    ? { ...source, text: scrubText(source.text, [...specSecretStrings(spec), ...secrets]) }
    : source;
}

/** Secret variable values, wherever a compose file put them (command, labels…), are masked for viewers too. */
const secretsOfVariables = async (appId: string) => variableSecrets(await readAppVariables(appId));

/** The spec to apply: a new source, or the current revision's when none is given. */
/** `fn` with the spec to apply; a repository source is checked out for it and removed after it. */
async function withSpec<T>(
  actor: Actor,
  app: AppRow,
  source: SourceInput | undefined,
  variables: AppVariables,
  fn: (resolved: ResolvedSource, folder: FolderCheckout | null) => Promise<T>,
): Promise<T> {
  const mode = toTarget(app).mode;
  if (source) {
    const m = await materialize(actor, { appId: app.id, projectId: app.projectId }, source, variables);
    try {
      return await fn(resolveSource(m.source, isAdmin(actor), mode, variables), m.folder);
    } finally {
      await removeWorkdir(m.checkout);
    }
  }
  const current = await currentSpec(app.currentRevisionId);
  if (!current)
    throw new ApiError(422, "invalid", "source: required — this app has no revision yet", {
      source: "required for the first deploy",
    });
  return fn(resolveSource({ type: "spec", spec: current.spec }, isAdmin(actor), mode, variables), null);
}

export async function planApp(actor: Actor, id: string, source?: SourceInput): Promise<PlanView> {
  const app = await loadApp(actor, id, "developer");
  const variables = await readAppVariables(app.id);
  return scrubbed(variables, () =>
    withSpec(actor, app, source, variables, async (resolved) => {
      const { plan } = await planDeploy(context(deployer(actor), app, variables), resolved.spec);
      const current = resolved.origin ? await currentSpec(app.currentRevisionId) : null;
      return {
        ...plan,
        warnings: [...resolved.warnings, ...plan.warnings],
        ...originOf(resolved, current?.spec ?? null),
      };
    }),
  );
}

export async function deployApp(
  actor: Actor,
  id: string,
  source: SourceInput | undefined,
  progress: Progress,
): Promise<DeployResultView> {
  const app = await loadApp(actor, id, "developer");
  const variables = await readAppVariables(app.id);
  return scrubbed(variables, () =>
    withSpec(actor, app, source, variables, async (resolved, folder) => {
      const current = await currentSpec(app.currentRevisionId);
      const sourceRecord = source
        ? {
            type: resolved.sourceType,
            text: resolved.sourceText,
            ...(resolved.origin ? { origin: resolved.origin } : {}),
          }
        : (current?.source ?? NO_SOURCE);
      // Services with build: are built first (Build rows linked to the app), then deployed with the images built.
      const owner = {
        actor,
        project: app.project,
        appId: app.id,
        appName: app.name,
        hostId: app.hostId,
        mode: toTarget(app).mode,
        currentRevision: current?.number ?? null,
        folder,
      };
      const ctx = context(deployer(actor), app, variables);
      const note = resolved.origin
        ? `${originLabel(resolved.origin)} — ${describeChanges(specChanges(current?.spec ?? null, resolved.spec))}`
        : source
          ? ""
          : "redeploy";
      const by = { ...deployer(actor), email: actor.email, ip: actor.ip };
      await checkComposeDomains(by, app, resolved.spec);
      const result = await deploySpec(ctx, resolved.spec, sourceRecord, progress, note, {
        build: (spec) => buildServices(owner, spec, progress),
      });
      await applyComposeDomains(by, app, resolved.spec);
      if (source?.type === "repository")
        await rememberRepository(actor, app.id, source.repository, resolved.origin?.commit ?? "");
      return result;
    }),
  );
}

/**
 * Applies a changed copy of the current spec (scale, service update, a webhook's new image), through the same
 * checks as a new source. The revision keeps the current source unless `source` says where the change came from.
 */
async function deployVariant(
  by: Deployer,
  app: AppRow,
  change: (spec: AppSpec) => Record<string, unknown>,
  note: string,
  progress: Progress,
  source?: { type: string; text: string },
) {
  const current = await currentSpec(app.currentRevisionId);
  if (!current) throw conflict("This app has no running revision yet; deploy it first");
  const variables = await readAppVariables(app.id);
  return scrubbed(variables, async () => {
    const spec = change(current.spec);
    const resolved = resolveSource({ type: "spec", spec }, by.admin, toTarget(app).mode, variables);
    const ctx = context(by, app, variables);
    await checkComposeDomains(by, app, resolved.spec);
    const result = await deploySpec(
      ctx,
      resolved.spec,
      source ?? current.source ?? NO_SOURCE,
      progress,
      note,
    );
    await applyComposeDomains(by, app, resolved.spec);
    return result;
  });
}

/**
 * After a webhook build: the app's current spec with the new image in the build source's service (or the app's
 * only service), deployed as a new revision with the rights of the user who configured the webhook.
 */
export async function redeployBuiltImage(
  appId: string,
  image: string,
  p: { buildId: string; commit: string; service?: string; userId: string },
  log: { append: (text: string) => void },
) {
  const app = await findApp(appId);
  if (!app) throw notFound("App");
  const configurer = await db.user.findUnique({ where: { id: p.userId }, select: { globalRole: true } });
  const by = { id: p.userId, admin: configurer?.globalRole === "admin" };
  const withImage = (spec: AppSpec) => {
    const names = Object.keys(spec.services);
    const targets = p.service ? [p.service] : names.length === 1 ? names : [];
    if (targets.length === 0)
      throw conflict(`the app has several services (${names.join(", ")}); set the build source's service`);
    const services = { ...spec.services };
    for (const s of targets) {
      if (!services[s]) throw notFound(`Service "${s}"`);
      services[s] = { ...services[s], image };
    }
    log.append(`[wharf] Deploying ${image} to ${targets.join(", ")} of app ${app.name}\n`);
    return { ...spec, services };
  };
  const note = `webhook build ${p.buildId}${p.commit ? ` (commit ${p.commit.slice(0, 12)})` : ""}`;
  const source = { type: "build", text: JSON.stringify({ buildId: p.buildId, image, commit: p.commit }) };
  const progress: Progress = (phase, message, service) =>
    log.append(`[deploy] ${phase}${service ? ` ${service}` : ""}: ${message}\n`);
  const result = await deployVariant(by, app, withImage, note, progress, source);
  log.append(
    result.changed
      ? `[wharf] Revision ${result.revision} deployed\n`
      : "[wharf] Nothing changed: the app already runs this image\n",
  );
}

/** The spec with some services' replicas set: 404 for a service it lacks, 409 for a global one. */
function withReplicas(spec: AppSpec, replicas: Record<string, number>): AppSpec {
  const services = { ...spec.services };
  for (const [service, n] of Object.entries(replicas)) {
    const svc = services[service];
    if (!svc) throw notFound(`Service "${service}"`);
    if (svc.mode === "global")
      throw conflict(`${service} is a global service: it runs one task per node and does not scale`, {
        [`services.${service}`]: "global service",
      });
    services[service] = { ...svc, replicas: n };
  }
  return { ...spec, services };
}

const scaleNote = (replicas: Record<string, number>) =>
  `scale ${Object.entries(replicas)
    .map(([s, n]) => `${s} to ${n}`)
    .join(", ")}`;

/** What setting these replicas would do (the staged scale's preview); changes nothing. */
export async function planScale(
  actor: Actor,
  id: string,
  replicas: Record<string, number>,
): Promise<PlanView> {
  const app = await loadApp(actor, id, "developer");
  const current = await currentSpec(app.currentRevisionId);
  if (!current) throw conflict("This app has no running revision yet; deploy it first");
  return planApp(actor, id, { type: "spec", spec: withReplicas(current.spec, replicas) });
}

/** A change to the current spec, by a developer of the app, deployed as one new revision (scale, service update). */
async function deployChange(
  actor: Actor,
  id: string,
  change: (spec: AppSpec) => Record<string, unknown>,
  note: string,
  progress: Progress,
): Promise<DeployResultView> {
  const app = await loadApp(actor, id, "developer");
  return deployVariant(deployer(actor), app, change, note, progress);
}

/** Sets one or more services' replicas as one new revision. */
export async function scaleApp(
  actor: Actor,
  id: string,
  replicas: Record<string, number>,
  progress: Progress,
): Promise<DeployResultView> {
  return deployChange(actor, id, (spec) => withReplicas(spec, replicas), scaleNote(replicas), progress);
}

export async function updateAppService(
  actor: Actor,
  id: string,
  service: string,
  patch: Record<string, unknown>,
  progress: Progress,
): Promise<DeployResultView> {
  const withPatch = (spec: AppSpec) => {
    const svc = spec.services[service];
    if (!svc) throw notFound(`Service "${service}"`);
    return { ...spec, services: { ...spec.services, [service]: { ...svc, ...patch } } };
  };
  return deployChange(actor, id, withPatch, `update ${service}: ${Object.keys(patch).join(", ")}`, progress);
}

export async function rollbackApp(
  actor: Actor,
  id: string,
  number: number,
  progress: Progress,
): Promise<DeployResultView> {
  const app = await loadApp(actor, id, "developer");
  const rev = await db.revision.findUnique({ where: { appId_number: { appId: id, number } } });
  if (!rev) throw notFound(`Revision ${number}`);
  // A revision that never ran is no state to go back to: edit the source and deploy instead.
  if (rev.outcome !== "succeeded")
    throw conflict(
      `Revision ${number} ${rev.outcome === "failed" ? "failed" : "did not finish"}; only a revision that ran can be rolled back to`,
    );
  const variables = await readAppVariables(app.id);
  return scrubbed(variables, async () => {
    const spec = revisionSpec(rev.spec);
    const resolved = resolveSource({ type: "spec", spec }, isAdmin(actor), toTarget(app).mode, variables);
    const source = revisionSource(rev.source) ?? NO_SOURCE;
    const ctx = context(deployer(actor), app, variables);
    const by = { ...deployer(actor), email: actor.email, ip: actor.ip };
    await checkComposeDomains(by, app, resolved.spec);
    const result = await deploySpec(ctx, resolved.spec, source, progress, `rollback to revision ${number}`);
    await applyComposeDomains(by, app, resolved.spec);
    return result;
  });
}

export async function listRevisions(actor: Actor, id: string): Promise<RevisionView[]> {
  const app = await loadApp(actor, id);
  const revs = await db.revision.findMany({ where: { appId: id }, orderBy: { number: "desc" }, take: 200 });
  const users = await db.user.findMany({
    where: { id: { in: revs.map((r) => r.createdById ?? "") } },
    select: { id: true, email: true },
  });
  return revs.map((r) => ({
    id: r.id,
    number: r.number,
    outcome: r.outcome,
    message: r.message,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    createdBy: users.find((u) => u.id === r.createdById)?.email ?? null,
    sourceType: revisionSource(r.source)?.type ?? "spec",
    commit: revisionSource(r.source)?.origin?.commit ?? null,
    current: r.id === app.currentRevisionId,
  }));
}

export async function getRevisionSpec(actor: Actor, id: string, number: number): Promise<RevisionSpecView> {
  const app = await loadApp(actor, id);
  const rev = await db.revision.findUnique({ where: { appId_number: { appId: id, number } } });
  if (!rev) throw notFound(`Revision ${number}`);
  const spec = revisionSpec(rev.spec);
  const source = revisionSource(rev.source) ?? {};
  if (seesSecrets(actor, app.project.tenantId)) return { spec, source };
  const secrets = await secretsOfVariables(app.id);
  return { spec: scrubDeep(maskSpec(spec), secrets), source: maskSource(source, spec, secrets) };
}

/**
 * A spec as the effective compose file (like `docker compose config`). Config contents may come from variables:
 * shown as where they come from, not their text; viewers get the secret model's masks (docs/security.md, "Secrets").
 */
async function shownCompose(actor: Actor, app: AppRow, spec: AppSpec) {
  if (seesSecrets(actor, app.project.tenantId)) return exportCompose(spec, { redactConfigs: true });
  return scrubDeep(exportCompose(maskSpec(spec), { redactConfigs: true }), await secretsOfVariables(app.id));
}

/**
 * One revision against the current one: its effective compose file and source, which services going back to it
 * would add, remove or change, and the line diff current → this revision (what a rollback would apply).
 */
export async function getRevisionDiff(actor: Actor, id: string, number: number): Promise<RevisionDiffView> {
  const app = await loadApp(actor, id);
  const rev = await db.revision.findUnique({ where: { appId_number: { appId: id, number } } });
  if (!rev) throw notFound(`Revision ${number}`);
  const spec = revisionSpec(rev.spec);
  const current = await currentSpec(app.currentRevisionId);
  const compose = stringifyYaml(await shownCompose(actor, app, spec));
  const currentCompose = current ? stringifyYaml(await shownCompose(actor, app, current.spec)) : "";
  const source = revisionSource(rev.source);
  const shownSource =
    source && !seesSecrets(actor, app.project.tenantId)
      ? maskSource(source, spec, await secretsOfVariables(app.id))
      : source;
  return {
    revision: rev.number,
    outcome: rev.outcome,
    current: current?.number ?? null,
    compose,
    source: shownSource,
    services: serviceChanges(current?.spec ?? null, spec),
    lines: diffLines(currentCompose, compose),
    identical: compose === currentCompose,
  };
}

/** The effective compose file of the running revision (like `docker compose config`); 404 before the first deploy. */
export async function getAppCompose(actor: Actor, id: string): Promise<AppComposeView> {
  const app = await loadApp(actor, id);
  const current = await currentSpec(app.currentRevisionId);
  if (!current) throw notFound("Deployed revision");
  return { revision: current.number, compose: await shownCompose(actor, app, current.spec) };
}

/** Stops, starts or restarts the whole app, or only `service` (one of its current revision's services). */
export async function changeAppState(
  actor: Actor,
  id: string,
  action: LifecycleAction,
  service?: string,
): Promise<AppView> {
  const app = await loadApp(actor, id, "developer");
  const t = toTarget(app);
  return withAppLock(app.id, async () => {
    const current = await currentSpec(app.currentRevisionId);
    if (service !== undefined && !current?.spec.services[service]) throw notFound("Service");
    if (action !== "stop" && current) {
      // Starting runs the current revision again: the admission policy applies to whoever starts it, and the
      // quota is checked again for what it holds (kept while stopped, so this refuses only when the quota was lowered).
      resolveSource(
        { type: "spec", spec: current.spec },
        isAdmin(actor),
        t.mode,
        await readAppVariables(app.id),
      );
      await enforceHostPolicy(t.hostId, current.spec, isAdmin(actor));
      await resolveExternals(t, current.spec);
      await reserveQuota(t.tenantId, app.id, (await quotaHeld(app.id)) ?? specDemand(current.spec));
    }
    const docker = await engineFor(t);
    // No call timeout: stopping waits out each container's grace period.
    await runLifecycle(docker.stream, t, current?.spec ?? null, action, service);
    void requestEdgeSync(); // replicas that started again have new addresses
    // One service's restart leaves the app's status as it was.
    if (service !== undefined) return toView(app);
    const status = action === "stop" ? "stopped" : "running";
    await db.app.update({ where: { id }, data: { status } });
    return { ...(await toView(app)), status };
  });
}

export async function deleteApp(actor: Actor, id: string, withVolumes: boolean) {
  const app = await loadApp(actor, id, "developer");
  const t = toTarget(app);
  return withAppLock(app.id, async () => {
    const docker = await engineFor({ ...t, mode: "standalone" });
    const removed = await removeAppObjects(docker.call, t, withVolumes);
    await db.app.delete({ where: { id } });
    // Its domains went with the row (cascade): take their routes out of the proxy.
    await requestEdgeSync();
    return { id, tenantId: t.tenantId, removed };
  });
}
