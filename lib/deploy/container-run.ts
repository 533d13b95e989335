import "server-only";
// Containers (re)started directly, outside an app start: POST /containers/{id}/start|restart.
import { conflict } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { APP_LABEL } from "@/lib/docker/labels";
import { declaredReplicaNames } from "./engine-spec";
import { quotaHeld, reserveQuota, specDemand } from "./quotas";
import { currentSpec } from "./run";
import { toTarget } from "./target";

/**
 * A container started directly runs only if its app's current revision declares it: the app's quota hold covers
 * exactly those replicas (lib/deploy/quotas.ts), so a replica moved aside by an update or left by a deleted app,
 * or a Swarm task container (Swarm starts its own), would run outside the quota; 409. `labels` are the proved
 * Wharf labels (lib/docker/owned-labels.ts); a container without them is no tenant's (admin and ops only) and is
 * not checked.
 */
export async function admitContainerRun(c: { name: string; labels: Record<string, string> }): Promise<void> {
  const appId = c.labels[APP_LABEL];
  if (!appId) return;
  const app = await db.app.findUnique({
    where: { id: appId },
    include: { project: { include: { tenant: { select: { slug: true } } } } },
  });
  const current = app ? await currentSpec(app.currentRevisionId) : null;
  const t = app && toTarget(app);
  if (!t || !current || !declaredReplicaNames(t, current.spec).has(c.name))
    throw conflict(
      app
        ? `${c.name} is not a replica of app ${app.name}'s current revision and would run outside its quota; deploy, scale or start the app instead`
        : `${c.name} belongs to no app; remove it`,
    );
  await reserveQuota(t.tenantId, t.appId, (await quotaHeld(t.appId)) ?? specDemand(current.spec));
}
