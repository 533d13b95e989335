import "server-only";
// Preview environments (docs/edge.md "Preview environments"): a signed pull/merge request webhook for an app
// from a repository deploys a copy of the app — an app of the same project, so the same tenant, quotas and host
// policy — from the request's branch, reachable at pr-<n>.<each of the app's domains>. The deploy runs with the
// rights of whoever configured the repository (as a push does). A request from a fork deploys its head commit
// (its branch is not in the app's repository) with no secret variable until a developer approves it. Previews
// are capped per app and expire; closing the request removes the copy with its volumes.
import { conflict, errorText, invalid, notFound } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { readAppVariables } from "@/lib/deploy/app-variables";
import { routeUrl } from "@/lib/edge/settings";
import type { AppPreview } from "@/lib/generated/prisma/client";
import { attachDomain } from "@/lib/services/app-domains";
import { actorOfUser } from "@/lib/services/app-push";
import { storedRepositorySource } from "@/lib/services/app-repository";
import { setAppVariables } from "@/lib/services/app-variables";
import { createApp, deleteApp, deployApp, loadApp } from "@/lib/services/apps";
import { runEvery } from "@/lib/services/periodic";
import type { AppPreviewsView, PreviewView, PullEvent } from "@/lib/validations/preview";

const positive = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
export const previewLimits = () => ({
  perApp: Math.floor(positive(process.env.WHARF_PREVIEWS_PER_APP, 3)),
  ttlHours: positive(process.env.WHARF_PREVIEW_TTL_HOURS, 72),
});
const expiry = () => new Date(Date.now() + previewLimits().ttlHours * 3600_000);

// One change at a time per preview (an update arriving while the copy is created waits for it).
const chains = new Map<string, Promise<unknown>>();
function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (chains.get(key) ?? Promise.resolve()).then(fn, fn);
  const tail = run.catch(() => undefined);
  chains.set(key, tail);
  void tail.then(() => chains.get(key) === tail && chains.delete(key));
  return run;
}

async function toView(p: AppPreview): Promise<PreviewView> {
  const domains = p.previewAppId
    ? await db.appDomain.findMany({ where: { appId: p.previewAppId }, orderBy: { host: "asc" } })
    : [];
  return {
    number: p.number,
    branch: p.branch,
    fromFork: p.fromFork,
    approved: p.approved,
    status: p.status === "ready" || p.status === "failed" ? p.status : "deploying",
    message: p.message,
    previewAppId: p.previewAppId,
    urls: domains.map((d) => routeUrl(d.host, d.pathPrefix)),
    expiresAt: p.expiresAt.toISOString(),
    createdAt: p.createdAt.toISOString(),
  };
}

export async function listPreviews(actor: Actor, appId: string): Promise<AppPreviewsView> {
  const app = await loadApp(actor, appId, "viewer");
  const { previewsEnabled } = await db.app.findUniqueOrThrow({
    where: { id: app.id },
    select: { previewsEnabled: true },
  });
  const rows = await db.appPreview.findMany({ where: { appId }, orderBy: { number: "asc" } });
  return { enabled: previewsEnabled, ...previewLimits(), items: await Promise.all(rows.map(toView)) };
}

export async function setPreviewsEnabled(actor: Actor, appId: string, enabled: boolean) {
  const app = await loadApp(actor, appId, "developer");
  if (enabled && !(await db.appRepository.findUnique({ where: { appId }, select: { appId: true } })))
    throw invalid("enabled: previews need an app deployed from a repository", { enabled: "no repository" });
  if (enabled && (await db.appPreview.findUnique({ where: { previewAppId: appId }, select: { id: true } })))
    throw invalid("enabled: this app is itself a preview", { enabled: "a preview" });
  await db.app.update({ where: { id: app.id }, data: { previewsEnabled: enabled } });
  return { ...(await listPreviews(actor, appId)), tenantId: app.project.tenantId };
}

/** The copy's source: the app's repository at the request's branch (or head commit, for a fork). */
async function copySource(appId: string, ref: string) {
  const source = await storedRepositorySource(appId);
  const repo = await db.appRepository.findUnique({ where: { appId }, select: { passwordEncrypted: true } });
  if (!source || !repo) throw new Error("the app has no repository any more");
  // The same URL as the app's, so its stored password may go with it; no polling for a preview.
  const password = repo.passwordEncrypted ? decryptSecret(repo.passwordEncrypted) : undefined;
  return {
    type: "repository" as const,
    repository: { ...source, ref, pollSeconds: 0, ...(password ? { password } : {}) },
  };
}

/** The app's variables for the copy: without the secret ones for an unapproved fork's request. */
async function copyVariables(appId: string, withSecrets: boolean) {
  const v = await readAppVariables(appId);
  const secret = new Set(v.secretNames);
  return Object.entries(v.values)
    .filter(([name]) => withSecrets || !secret.has(name))
    .map(([name, value]) => ({ name, value, secret: secret.has(name) }));
}

/** Creates (first time) and deploys the copy, then gives it pr-<n>.<domain> for each of the app's domains. */
async function deployCopy(actor: Actor, parentId: string, p: AppPreview): Promise<void> {
  const parent = await db.app.findUniqueOrThrow({
    where: { id: parentId },
    select: { name: true, projectId: true, hostId: true, mode: true },
  });
  const source = await copySource(parentId, p.ref);
  let copyId = p.previewAppId;
  if (!copyId) {
    const suffix = `-pr-${p.number}`;
    const created = await createApp(actor, parent.projectId, {
      name: `${parent.name.slice(0, 32 - suffix.length)}${suffix}`,
      hostId: parent.hostId,
      mode: parent.mode,
      variables: await copyVariables(parentId, !p.fromFork || p.approved),
    });
    copyId = created.app.id;
    await db.appPreview.update({ where: { id: p.id }, data: { previewAppId: copyId } });
  }
  await deployApp(actor, copyId, source, () => undefined);
  const notes: string[] = [];
  const have = new Set((await db.appDomain.findMany({ where: { appId: copyId } })).map((d) => d.host));
  // Read after the deploy (which may take minutes), so a basic auth set on the app meanwhile is the one copied.
  for (const d of await db.appDomain.findMany({ where: { appId: parentId } })) {
    const host = `pr-${p.number}.${d.host}`;
    if (have.has(host)) continue;
    try {
      await attachDomain(
        actor,
        copyId,
        {
          host,
          service: d.service,
          port: d.port,
          pathPrefix: d.pathPrefix,
          redirectHttps: d.redirectHttps,
        },
        { basicAuthUser: d.basicAuthUser, basicAuthHash: d.basicAuthHash },
      ); // a protected site's preview is too
    } catch (err) {
      notes.push(`${host}: ${errorText(err)}`);
    }
  }
  await db.appPreview.update({
    where: { id: p.id },
    data: { status: "ready", message: notes.join("; ") },
  });
}

async function removeCopy(actor: Actor | null, p: AppPreview): Promise<void> {
  if (p.previewAppId) {
    if (!actor) throw new Error("whoever configured the repository is disabled or gone");
    await deleteApp(actor, p.previewAppId, true).catch((err: unknown) => {
      if (!(err instanceof Error && /not found/i.test(err.message))) throw err;
    });
  }
  await db.appPreview.deleteMany({ where: { id: p.id } });
}

type Hooked = { id: string; previewsEnabled: boolean };
export type PullOutcome = { kind: "ignored"; reason: string } | { kind: "deploying" };

/** A signed pull/merge request event for `app` (the webhook route checked the signature). */
export async function handlePullEvent(app: Hooked, event: PullEvent): Promise<PullOutcome> {
  const key = `${app.id}:${event.number}`;
  const existing = await db.appPreview.findUnique({
    where: { appId_number: { appId: app.id, number: event.number } },
  });
  if (event.action === "close") {
    if (!existing) return { kind: "ignored", reason: `no preview for request ${event.number}` };
    void serial(key, () => closePreview(app.id, event.number)).catch((err: unknown) =>
      console.error(`[wharf] preview ${key} removal failed: ${errorText(err)}`),
    );
    return { kind: "deploying" };
  }
  if (!app.previewsEnabled) return { kind: "ignored", reason: "previews are turned off for this app" };
  const repo = await db.appRepository.findUnique({
    where: { appId: app.id },
    select: { configuredById: true },
  });
  if (!repo) return { kind: "ignored", reason: "the app is not deployed from a repository" };
  if (!existing && (await db.appPreview.count({ where: { appId: app.id } })) >= previewLimits().perApp)
    return { kind: "ignored", reason: `at most ${previewLimits().perApp} previews per app` };
  const ref = event.fromFork ? event.headSha : event.branch;
  const data = {
    branch: event.branch,
    ref,
    fromFork: event.fromFork,
    status: "deploying",
    message: "",
    expiresAt: expiry(),
  };
  const row = await db.appPreview.upsert({
    where: { appId_number: { appId: app.id, number: event.number } },
    create: { appId: app.id, number: event.number, ...data },
    update: data,
  });
  void serial(key, async () => {
    const actor = await actorOfUser(repo.configuredById);
    if (!actor) throw new Error("whoever configured the repository is disabled or gone");
    const fresh = await db.appPreview.findUnique({ where: { id: row.id } });
    if (fresh) await deployCopy(actor, app.id, fresh);
  }).catch(async (err: unknown) => {
    await db.appPreview.updateMany({
      where: { id: row.id },
      data: { status: "failed", message: errorText(err).slice(0, 1000) },
    });
  });
  return { kind: "deploying" };
}

async function closePreview(appId: string, number: number): Promise<void> {
  const p = await db.appPreview.findUnique({ where: { appId_number: { appId, number } } });
  if (!p) return;
  const repo = await db.appRepository.findUnique({ where: { appId }, select: { configuredById: true } });
  const copyRepo = p.previewAppId
    ? await db.appRepository.findUnique({
        where: { appId: p.previewAppId },
        select: { configuredById: true },
      })
    : null;
  const by = repo?.configuredById ?? copyRepo?.configuredById;
  await removeCopy(by ? await actorOfUser(by) : null, p);
}

async function loadPreview(actor: Actor, appId: string, number: number) {
  await loadApp(actor, appId, "developer");
  const p = await db.appPreview.findUnique({ where: { appId_number: { appId, number } } });
  if (!p) throw notFound("Preview");
  return p;
}

/** A developer removes a preview now (its copy and volumes), as closing the request would. */
export async function removePreview(actor: Actor, appId: string, number: number) {
  const p = await loadPreview(actor, appId, number);
  await serial(`${appId}:${number}`, () => removeCopy(actor, p));
  return { number };
}

/** A developer lets a fork's request have the app's secret variables: they are copied and the copy redeployed. */
export async function approvePreview(actor: Actor, appId: string, number: number): Promise<PreviewView> {
  const p = await loadPreview(actor, appId, number);
  if (!p.fromFork) throw conflict("This request is not from a fork: it has the app's variables already");
  const updated = await db.appPreview.update({
    where: { id: p.id },
    data: { approved: true, status: "deploying" },
  });
  void serial(`${appId}:${number}`, async () => {
    if (p.previewAppId) {
      await setAppVariables(actor, p.previewAppId, await copyVariables(appId, true), "merge");
    }
    const fresh = await db.appPreview.findUniqueOrThrow({ where: { id: p.id } });
    await deployCopy(actor, appId, fresh);
  }).catch(async (err: unknown) => {
    await db.appPreview.updateMany({
      where: { id: p.id },
      data: { status: "failed", message: errorText(err).slice(0, 1000) },
    });
  });
  return toView(updated);
}

/**
 * Removing an app removes its previews in the same request (their copies, volumes and routes), then the app: a
 * developer of the app may remove both (the copies are apps of the same project).
 */
export async function deleteAppWithPreviews(actor: Actor, appId: string, withVolumes: boolean) {
  await loadApp(actor, appId, "developer");
  for (const p of await db.appPreview.findMany({ where: { appId } }))
    await serial(`${appId}:${p.number}`, () => removeCopy(actor, p));
  return deleteApp(actor, appId, withVolumes);
}

/** Start-up loop: previews past their expiry, or whose app is gone (removed on another path), are removed. */
export async function sweepPreviews(now = new Date()): Promise<void> {
  const rows = await db.appPreview.findMany();
  const parents = new Set(
    (await db.app.findMany({ where: { id: { in: rows.map((r) => r.appId) } }, select: { id: true } })).map(
      (a) => a.id,
    ),
  );
  for (const p of rows)
    if (p.expiresAt < now || !parents.has(p.appId))
      await serial(`${p.appId}:${p.number}`, () => closePreview(p.appId, p.number)).catch((err: unknown) =>
        console.error(`[wharf] preview ${p.appId}:${p.number} sweep failed: ${errorText(err)}`),
      );
}

/** Start-up hook: the expiry sweep, once a minute. */
export function startPreviewSweep(): void {
  runEvery(60_000, sweepPreviews);
}
