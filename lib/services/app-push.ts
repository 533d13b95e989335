import "server-only";
// A new commit in an app's repository becomes a new revision: through the app's signed webhook (a push), or by
// polling at the interval the developer set. Either way the deploy runs as whoever configured the repository,
// with that person's rights now (a disabled user or a lost role deploys nothing).
import { errorText } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { resolveRemoteRef } from "@/lib/builds/git-clone";
import { checkGitSource } from "@/lib/builds/prepare";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { pollMinSeconds, storedRepositorySource } from "@/lib/services/app-repository";
import { deployApp } from "@/lib/services/apps";
import { runEvery } from "@/lib/services/periodic";

/** The configuring user as an actor (memberships read now), or null when disabled or gone. */
export async function actorOfUser(userId: string): Promise<Actor | null> {
  const u = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      globalRole: true,
      disabled: true,
      memberships: { select: { tenantId: true, role: true } },
    },
  });
  if (!u || u.disabled) return null;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    globalRole: u.globalRole,
    memberships: new Map(u.memberships.map((m) => [m.tenantId, m.role])),
    via: "token",
    ip: "",
    mustChangePassword: false,
  };
}

/** Deploys the repository's ref as it is now; resolves with the new revision's number (null: nothing changed). */
export async function deployRepositoryHead(appId: string, why: string): Promise<number | null> {
  const row = await db.appRepository.findUnique({ where: { appId }, select: { configuredById: true } });
  const source = await storedRepositorySource(appId);
  if (!row || !source) throw new Error("the app has no repository source");
  const actor = await actorOfUser(row.configuredById);
  if (!actor) throw new Error("whoever configured the repository is disabled or gone");
  const result = await deployApp(actor, appId, { type: "repository", repository: source }, () => undefined);
  console.log(
    `[wharf] ${why}: app ${appId} → ${result.changed ? `revision ${result.revision}` : "no change"}`,
  );
  return result.changed ? result.revision : null;
}

/** Polled repositories whose interval has passed: a new commit at their ref is deployed, once. */
export async function pollRepositories(now = new Date()): Promise<void> {
  const due = await db.appRepository.findMany({
    where: { pollSeconds: { gt: 0 } },
    select: {
      appId: true,
      url: true,
      ref: true,
      username: true,
      passwordEncrypted: true,
      configuredById: true,
      pollSeconds: true,
      lastCommit: true,
      lastPolledAt: true,
    },
  });
  for (const r of due) {
    const interval = Math.max(r.pollSeconds, pollMinSeconds) * 1000;
    if (r.lastPolledAt && now.getTime() - r.lastPolledAt.getTime() < interval) continue;
    await db.appRepository.update({ where: { appId: r.appId }, data: { lastPolledAt: now } });
    try {
      const actor = await actorOfUser(r.configuredById);
      if (!actor) continue;
      const password = r.passwordEncrypted ? decryptSecret(r.passwordEncrypted) : undefined;
      const { access } = await checkGitSource(
        { url: r.url, ref: r.ref || undefined, username: r.username || undefined, password },
        { allowLocal: actor.globalRole === "admin", field: "source.repository" },
      );
      const head = await resolveRemoteRef(access, r.ref || undefined);
      if (!head || head === r.lastCommit) continue;
      // Claimed before deploying: a commit is deployed once, even if that deploy fails (it is not retried at every
      // interval) or a webhook push deploys it meanwhile (whoever claims it first).
      const claimed = await db.appRepository.updateMany({
        where: { appId: r.appId, lastCommit: r.lastCommit },
        data: { lastCommit: head },
      });
      if (claimed.count === 1) await deployRepositoryHead(r.appId, `poll found ${head.slice(0, 12)}`);
    } catch (err) {
      console.error(`[wharf] polling the repository of app ${r.appId} failed: ${errorText(err)}`);
    }
  }
}

/** How often the timer looks for due repositories: a quarter of the shortest interval, at most 15 s. */
const POLL_TICK_MS = Math.min(15_000, Math.max(250, pollMinSeconds * 250));

/** Start-up hook: one timer for every polled repository (each keeps its own interval). */
export function startRepositoryPolling(): void {
  runEvery(POLL_TICK_MS, pollRepositories);
}
