import "server-only";
import type { LiveLog } from "@/lib/builds/live-log";
import type { AppSpec } from "@/lib/compose/spec";
import { db } from "@/lib/db";
import { currentSpec, deploySpec } from "@/lib/deploy/run";
import { resolveSource } from "@/lib/deploy/source";

/**
 * After a webhook build: deploy the app again with the new image as a new revision (the deploy
 * engine's `deploySpec`, same plan/quota/rollback path as a deploy from the console).
 * Only the build source's service gets the new image (or the app's only service).
 */
export async function redeployWithImage(
  appId: string,
  image: string,
  p: { buildId: string; commit: string; service?: string; userId: string },
  log: LiveLog,
): Promise<number | null> {
  const app = await db.app.findUnique({
    where: { id: appId },
    select: {
      id: true,
      name: true,
      mode: true,
      status: true,
      hostId: true,
      currentRevisionId: true,
      project: { select: { id: true, slug: true, tenantId: true, tenant: { select: { slug: true } } } },
    },
  });
  if (!app) throw new Error("the app no longer exists");
  const current = await currentSpec(app.currentRevisionId);
  if (!current)
    throw new Error("the app has no deployed revision yet: deploy it once, then webhooks redeploy it");
  const names = Object.keys(current.spec.services);
  const targets = p.service ? [p.service] : names.length === 1 ? names : [];
  if (targets.length === 0)
    throw new Error(`the app has several services (${names.join(", ")}); set the build source's service`);
  const raw: AppSpec = structuredClone(current.spec);
  for (const s of targets) {
    if (!raw.services[s]) throw new Error(`the app has no service "${s}"`);
    raw.services[s].image = image;
  }
  // The same admission and shape checks as any other spec change, with the configuring user's rights.
  const configurer = await db.user.findUnique({ where: { id: p.userId }, select: { globalRole: true } });
  const admin = configurer?.globalRole === "admin";
  const { spec } = resolveSource({ type: "spec", spec: raw }, admin, app.mode);
  const target = {
    appId: app.id,
    appName: app.name,
    tenantId: app.project.tenantId,
    tenantSlug: app.project.tenant.slug,
    projectId: app.project.id,
    projectSlug: app.project.slug,
    hostId: app.hostId,
    mode: app.mode,
  };
  log.append(`[wharf] Deploying ${image} to ${targets.join(", ")} of app ${app.name}\n`);
  const note = `webhook build ${p.buildId}${p.commit ? ` (commit ${p.commit.slice(0, 12)})` : ""}`;
  const result = await deploySpec(
    {
      target,
      actorId: p.userId,
      admin,
      currentRevisionId: app.currentRevisionId,
      status: app.status,
    },
    spec,
    { type: "build", text: JSON.stringify({ buildId: p.buildId, image, commit: p.commit }) },
    (phase, message, service) => log.append(`[deploy] ${phase}${service ? ` ${service}` : ""}: ${message}\n`),
    note,
  );
  log.append(
    result.changed
      ? `[wharf] Revision ${result.revision} deployed\n`
      : "[wharf] Nothing changed: the app already runs this image\n",
  );
  return result.revision;
}
