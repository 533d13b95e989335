import "server-only";
// Crash healing (issue 20, item 3). A deploy that dies with its process (kill -9, a lost machine) leaves its
// revision "pending", the app "deploying" and a half-applied mix on the engine. Its lease then lapses
// (lib/deploy/lease.ts), and whoever takes it next (this instance restarted, or another one) puts the app back on
// the revision that ran before: the plan of that revision against what the engine has replaces every replica of the
// interrupted one (a mix of hashes, a stopped or renamed replica all plan as "update"), so nothing is left twice.
// A first deploy has nothing to go back to: what it created is removed. The revision ends "failed", and deploying
// again retries it. No person has to act. A stop or restart has no revision: a lease its dead holder left is the
// mark, and what it left under drain names (a routed replica out of the routes) gets its names back.
import { db } from "@/lib/db";
import { engineMessage } from "@/lib/docker/engine-error";
import { readAppVariables } from "./app-variables";
import { acquireLease, heldByEarlierBoot, LEASE_MS } from "./lease";
import { removeAppObjects, undoLifecycleDrains } from "./lifecycle";
import { NO_DEMAND, settleQuota, specDemand } from "./quotas";
import { applyPlan, currentSpec, engineFor, planDeploy, type DeployContext } from "./run";
import { toTarget } from "./target";

const appInclude = { project: { include: { tenant: { select: { slug: true } } } } } as const;

/** Heals one app whose change was interrupted; the caller holds its lease. */
async function healApp(appId: string, revisionId: string) {
  const [app, rev] = await Promise.all([
    db.app.findUnique({ where: { id: appId }, include: appInclude }),
    db.revision.findUnique({ where: { id: revisionId } }),
  ]);
  if (!app || rev?.outcome !== "pending") return; // finished, or healed by another instance meanwhile
  // The rights of whoever started the interrupted deploy, as they are now (like a webhook's configurer).
  const by = rev.createdById
    ? await db.user.findUnique({ where: { id: rev.createdById }, select: { globalRole: true } })
    : null;
  const ctx: DeployContext = {
    target: toTarget(app),
    actorId: rev.createdById ?? "",
    admin: by?.globalRole === "admin",
    currentRevisionId: app.currentRevisionId,
    status: app.status,
    variables: await readAppVariables(app.id),
  };
  const previous = await currentSpec(app.currentRevisionId);
  const progress = () => undefined;
  let outcome: string;
  if (previous) {
    const planned = await planDeploy(ctx, previous.spec, progress);
    if (planned.plan.changes > 0) await applyPlan(ctx, previous.spec, planned, previous.number, progress);
    await settleQuota(ctx.target.tenantId, app.id, specDemand(previous.spec, planned.nodes));
    outcome = `revision ${previous.number} was put back`;
  } else {
    await removeAppObjects((await engineFor(ctx.target)).stream, ctx.target, false);
    await settleQuota(ctx.target.tenantId, app.id, NO_DEMAND);
    outcome = "what it had created was removed";
  }
  const replicas = previous ? Object.values(previous.spec.services).reduce((n, s) => n + s.replicas, 0) : 0;
  const message = `interrupted: the Wharf server running this deploy stopped; ${outcome}. Deploy again to retry.`;
  const at = new Date();
  await db.revision.update({
    where: { id: rev.id },
    data: {
      outcome: "failed",
      finishedAt: at,
      message: rev.message ? `${rev.message}: ${message}` : message,
      progress: {
        lines: [{ type: "progress", phase: "failed", message, at: at.toISOString() }],
        truncated: false,
      },
    },
  });
  await db.app.update({
    where: { id: app.id },
    data: { status: !previous ? "failed" : replicas > 0 ? "running" : "stopped" },
  });
  console.log(`[wharf] app ${app.id}: revision ${rev.number} ${message}`);
}

/** Every pending revision whose app's lease can be taken was interrupted (a live deploy keeps its lease). */
export async function healInterruptedDeploys(onlyDeploying = true) {
  const pending = await db.revision.findMany({
    where: { outcome: "pending", ...(onlyDeploying ? { app: { status: "deploying" } } : {}) },
    select: { id: true, appId: true },
    orderBy: { number: "desc" },
  });
  const seen = new Set<string>();
  for (const r of pending) {
    if (seen.has(r.appId)) continue;
    seen.add(r.appId);
    const lease = await acquireLease(r.appId);
    if (!lease) continue;
    try {
      await healApp(r.appId, r.id);
    } catch (err) {
      // The host is unreachable, say: the revision stays pending and the next sweep tries again.
      console.error(`[wharf] app ${r.appId}: healing the interrupted deploy failed: ${engineMessage(err)}`);
    } finally {
      await lease.release();
    }
  }
}

/**
 * Leases left by a holder that died with no pending revision: a stop or a restart (or a scale's or service update's
 * lease) interrupted. A standalone app's replicas left under a stop's or rolling restart's drain name get their
 * declared names back, so the edge routes them again (lib/deploy/lifecycle.ts undoLifecycleDrains).
 */
export async function healInterruptedLifecycles() {
  const left = await db.appLease.findMany({
    where: { OR: [{ expiresAt: { lt: new Date() } }, heldByEarlierBoot] },
    select: { appId: true },
  });
  for (const { appId } of left) {
    const lease = await acquireLease(appId);
    if (!lease) continue;
    try {
      const app = await db.app.findUnique({ where: { id: appId }, include: appInclude });
      const current = app?.mode === "standalone" ? await currentSpec(app.currentRevisionId) : null;
      if (!app || !current) continue;
      const target = toTarget(app);
      const back = await undoLifecycleDrains((await engineFor(target)).call, target, current.spec);
      if (back > 0)
        console.log(`[wharf] app ${appId}: gave ${back} replica(s) left draining their names back`);
    } catch (err) {
      console.error(
        `[wharf] app ${appId}: healing an interrupted stop or restart failed: ${engineMessage(err)}`,
      );
    } finally {
      await lease.release();
    }
  }
}

declare global {
  var wharfHealTimer: NodeJS.Timeout | undefined;
}

/** At start (every pending revision), then every third of a lease (apps still "deploying"). */
export function startDeployHealing() {
  const sweep = (all: boolean) =>
    healInterruptedDeploys(!all)
      .then(healInterruptedLifecycles)
      .catch((err) => console.error("[wharf] deploy healing sweep failed", err));
  void sweep(true);
  globalThis.wharfHealTimer ??= setInterval(() => void sweep(false), LEASE_MS / 3);
  globalThis.wharfHealTimer.unref();
}
