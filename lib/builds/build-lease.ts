import "server-only";
// The build queue's rows (issue 20): a build is a row that says which instance holds it (`holder`, the process
// whose temporary directory has the build's context) and until when (`leaseExpiresAt`, renewed every third of the
// lease while it is queued or running). Starting one is a claim: queued → running, only while the tenant has fewer
// than its limit running on ALL instances. On PostgreSQL the claim locks the tenant (an advisory lock for the
// transaction) and the row (FOR UPDATE SKIP LOCKED: a row another instance is cancelling is skipped, not waited
// on); on SQLite it is one conditional UPDATE, atomic there. A holder that dies loses its builds when the lease
// runs out (or at once, to its own instance restarting): whoever sweeps first fails them (lib/services/builds.ts).
import { dbProvider, db } from "@/lib/db";
import { HOLDER, heldByEarlierBoot } from "@/lib/deploy/lease";

/** Why a build whose instance stopped or died failed (the sweep's and the stopping server's words). */
export const BUILD_INTERRUPTED =
  "interrupted: the Wharf instance running this build stopped; start the build again to retry";

/** How long a dead instance keeps its builds (WHARF_BUILD_LEASE_SECONDS, default 30 s). */
export const BUILD_LEASE_MS = (Number(process.env.WHARF_BUILD_LEASE_SECONDS) || 30) * 1000;

const leaseEnd = () => new Date(Date.now() + BUILD_LEASE_MS);

/** What a new build row carries: this process holds it from the start (its context is on this machine). */
export const heldByThisProcess = () => ({ holder: HOLDER, leaseExpiresAt: leaseEnd() });

/** Queued → running for this process, if the tenant is under `limit` running builds across every instance. */
export async function claimBuild(buildId: string, tenantId: string, limit: number): Promise<boolean> {
  if (dbProvider === "postgresql") {
    return db.$transaction(async (tx) => {
      // Serializes claims per tenant across instances, so two cannot both take the last slot.
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`wharf-build:${tenantId}`}))`;
      const running = await tx.build.count({ where: { status: "running", project: { tenantId } } });
      if (running >= limit) return false;
      const row = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Build" WHERE id = ${buildId} AND status = 'queued' AND holder = ${HOLDER}
        FOR UPDATE SKIP LOCKED`;
      if (row.length === 0) return false;
      await tx.build.update({
        where: { id: buildId },
        data: { status: "running", leaseExpiresAt: leaseEnd() },
      });
      return true;
    });
  }
  const changed = await db.$executeRaw`
    UPDATE "Build" SET status = 'running'
    WHERE id = ${buildId} AND status = 'queued' AND holder = ${HOLDER}
      AND (SELECT count(*) FROM "Build" r JOIN "Project" p ON p.id = r."projectId"
           WHERE p."tenantId" = ${tenantId} AND r.status = 'running') < ${limit}`;
  return changed === 1;
}

/** Renews this process's leases; returns the ids among `local` that someone cancelled in the database. */
export async function renewBuildLeases(local: string[]): Promise<string[]> {
  await db.build.updateMany({
    where: { holder: HOLDER, status: { in: ["queued", "running"] } },
    data: { leaseExpiresAt: leaseEnd() },
  });
  if (local.length === 0) return [];
  const cancelled = await db.build.findMany({
    where: { id: { in: local }, status: "cancelled" },
    select: { id: true },
  });
  return cancelled.map((b) => b.id);
}

/** The server is stopping: its queued and running builds' leases expire now, for the sweep below to take at once. */
export async function expireBuildLeases(): Promise<void> {
  await db.build.updateMany({
    where: { holder: HOLDER, status: { in: ["queued", "running"] } },
    data: { leaseExpiresAt: new Date(0) },
  });
}

/** Queued or running builds whose holder is gone: lease run out (or never set: rows from before leases), or an earlier boot of this instance. */
const abandoned = (now: Date) => ({
  status: { in: ["queued" as const, "running" as const] },
  OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }, heldByEarlierBoot],
});

/**
 * Fails every abandoned build, each by one conditional UPDATE (so only one sweeping instance takes it); returns
 * the ones this call took, for their clean-up on the engine.
 */
export async function takeAbandonedBuilds(message: string): Promise<{ id: string; hostId: string }[]> {
  const now = new Date();
  const found = await db.build.findMany({ where: abandoned(now), select: { id: true, hostId: true } });
  const taken: { id: string; hostId: string }[] = [];
  for (const b of found) {
    const r = await db.build.updateMany({
      where: { id: b.id, ...abandoned(now) },
      data: { status: "failed", error: message, finishedAt: now, holder: HOLDER },
    });
    if (r.count === 1) taken.push(b);
  }
  return taken;
}
