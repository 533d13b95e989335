import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { localProgress } from "@/lib/deploy/live-progress";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadApp } from "@/lib/services/apps";
import { ProgressLinesView, type DeployInProgressView, type LastDeployView } from "@/lib/validations/app";

/**
 * The last finished deploy's progress, for anyone who may see the app (viewer and up): the lines were scrubbed of
 * the deploy's secrets when stored, so every reader gets the same text. Deploys from before lines were kept: none.
 */
export async function getLastDeploy(actor: Actor, appId: string): Promise<LastDeployView> {
  await loadApp(actor, appId);
  const rev = await db.revision.findFirst({
    where: { appId, finishedAt: { not: null }, progress: { not: Prisma.DbNull } },
    orderBy: { number: "desc" },
    select: { number: true, outcome: true, finishedAt: true, message: true, progress: true },
  });
  const stored = ProgressLinesView.safeParse(rev?.progress);
  if (!rev?.finishedAt || !stored.success) return { lastDeploy: null };
  return {
    lastDeploy: {
      revision: rev.number,
      outcome: rev.outcome,
      finishedAt: rev.finishedAt.toISOString(),
      message: rev.message,
      ...stored.data,
    },
  };
}

/**
 * The deploy running now (its revision is unfinished), with its lines so far: from memory on the instance running it,
 * else from the revision's row, which that instance rewrites every second on PostgreSQL (lib/deploy/live-progress.ts).
 * The app page polls it while the app is "deploying". Viewer and up, scrubbed like the last deploy's lines.
 */
export async function getDeployInProgress(actor: Actor, appId: string): Promise<DeployInProgressView> {
  await loadApp(actor, appId);
  const rev = await db.revision.findFirst({
    where: { appId, finishedAt: null },
    orderBy: { number: "desc" },
    select: { id: true, number: true, createdAt: true, progress: true },
  });
  if (!rev) return { deploy: null };
  const stored = localProgress(appId, rev.id) ?? ProgressLinesView.safeParse(rev.progress).data;
  return {
    deploy: {
      revision: rev.number,
      startedAt: rev.createdAt.toISOString(),
      lines: stored?.lines ?? [],
      truncated: stored?.truncated ?? false,
    },
  };
}
