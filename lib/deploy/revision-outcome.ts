import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { AppSpec } from "@/lib/compose/spec";
import { db } from "@/lib/db";
import { variableSecrets } from "@/lib/deploy/app-variables";
import type { RevisionSource } from "@/lib/deploy/revision-row";
import { engineMessage } from "@/lib/docker/engine-error";
import { noteWharfEvent } from "@/lib/fleet/timeline";
import { sealText } from "@/lib/secrets/at-rest";
import { specHasSecrets } from "@/lib/secrets/spec";
import { DeployError } from "./errors";
import { settleQuota, type Demand } from "./quotas";
import type { ProgressRecord } from "./progress-record";
import type { DeployContext } from "./run";
import type { AppTarget, Plan } from "./types";

// A deploy's revision row from its creation to its outcome, and the timeline event of that outcome (lib/deploy/run.ts
// calls these in order under the app's lock).

export type OpenRevision = { id: string; number: number };

/** Where a deploy's timeline event belongs: the app's host, tenant and app, from Wharf's rows (the target). */
const timelineOf = (t: AppTarget, revisionId: string) => ({
  hostId: t.hostId,
  tenantId: t.tenantId,
  appId: t.appId,
  objectId: revisionId,
  objectName: t.appName,
});

export function summary(plan: Plan): string {
  const parts = plan.services
    .filter((s) => s.action !== "unchanged")
    .map((s) => (s.action === "scale" ? `scale ${s.service} ${s.from}→${s.to}` : `${s.action} ${s.service}`));
  return parts.join(", ") || "networks and volumes";
}

/** The next revision, recorded before anything is created; the app is "deploying" from here. */
export async function openRevision(
  ctx: DeployContext,
  spec: AppSpec,
  source: RevisionSource,
  note: string,
): Promise<OpenRevision> {
  const t = ctx.target;
  const last = await db.revision.findFirst({
    where: { appId: t.appId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const number = (last?.number ?? 0) + 1;
  // Encrypted at rest when the spec holds a secret (lib/secrets): values marked, named or in URLs, or a secret
  // variable's value anywhere in it.
  const text = JSON.stringify(spec);
  const vars = ctx.variables;
  const sealed = specHasSecrets(spec) || (!!vars && variableSecrets(vars).some((x) => text.includes(x)));
  const rev = await db.revision.create({
    data: {
      appId: t.appId,
      number,
      spec: sealText(text, sealed),
      source: sealText(JSON.stringify(source), sealed),
      createdById: ctx.actorId,
      message: note,
    },
  });
  await db.app.update({ where: { id: t.appId }, data: { status: "deploying" } });
  return { id: rev.id, number };
}

/**
 * A failed apply: the quota goes back to what the running revision holds, the revision and the app say so, and the
 * caller gets a 422 naming the service that failed and what still runs.
 */
export async function failRevision(
  ctx: DeployContext,
  rev: OpenRevision,
  was: { number: number } | null,
  held: Demand,
  record: ProgressRecord,
  note: string,
  err: unknown,
): Promise<never> {
  const t = ctx.target;
  await settleQuota(t.tenantId, t.appId, held);
  const message = err instanceof DeployError ? err.message : engineMessage(err);
  record.add({ type: "progress", phase: "failed", message, at: new Date().toISOString() });
  await db.revision.update({
    where: { id: rev.id },
    data: {
      outcome: "failed",
      finishedAt: new Date(),
      message: record.scrub(note ? `${note}: ${message}` : message),
      progress: record.stored(),
    },
  });
  await db.app.update({ where: { id: t.appId }, data: { status: was ? ctx.status : "failed" } });
  await noteWharfEvent({
    ...timelineOf(t, rev.id),
    type: "deploy_failed",
    detail: record.scrub(`revision ${rev.number} failed: ${message}`),
  });
  const kept = was ? `Revision ${was.number} is still running.` : "Nothing was left running.";
  const fields =
    err instanceof DeployError && err.service ? { [`services.${err.service}`]: message } : undefined;
  throw new ApiError(422, "deploy_failed", `Revision ${rev.number} failed — ${message}. ${kept}`, fields);
}

/** A successful apply: the revision is the app's current one, and the timeline says deploy (or scale). */
export async function finishRevision(
  ctx: DeployContext,
  rev: OpenRevision,
  spec: AppSpec,
  plan: Plan,
  record: ProgressRecord,
  note: string,
): Promise<void> {
  const t = ctx.target;
  const replicas = Object.values(spec.services).reduce((n, s) => n + s.replicas, 0);
  record.add({
    type: "progress",
    phase: "done",
    message: `revision ${rev.number} is live`,
    at: new Date().toISOString(),
  });
  await db.revision.update({
    where: { id: rev.id },
    data: {
      outcome: "succeeded",
      finishedAt: new Date(),
      message: note || summary(plan),
      progress: record.stored(),
    },
  });
  await db.app.update({
    where: { id: t.appId },
    data: { currentRevisionId: rev.id, status: replicas > 0 ? "running" : "stopped" },
  });
}

/** The timeline event of a successful apply: "scale" when only replica counts changed. */
export async function noteDeployed(
  t: AppTarget,
  rev: OpenRevision,
  plan: Plan,
  record: ProgressRecord,
  note: string,
) {
  const onlyScaled = plan.services.every((s) => s.action === "scale" || s.action === "unchanged");
  await noteWharfEvent({
    ...timelineOf(t, rev.id),
    type: onlyScaled ? "scale" : "deploy",
    detail: record.scrub(`revision ${rev.number}: ${note || summary(plan)}`),
  });
}
