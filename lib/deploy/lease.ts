import "server-only";
// The per-app change lease (issue 20): one deploy, scale, rollback or service update at a time per app, across every
// instance that shares the database, SQLite or PostgreSQL. A row in AppLease says who holds it and until when; the
// holder renews it every third of its length, and a holder that dies (kill -9, a lost machine) loses it when the
// length runs out: another instance, or the same one restarted, may then take it and heal what it left
// (lib/deploy/recover.ts). Taking a lease is one INSERT or one conditional UPDATE, atomic on both databases.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { db } from "@/lib/db";
import { isUniqueViolation } from "./quotas";

/** The lease's length: how long a dead holder keeps an app (WHARF_DEPLOY_LEASE_SECONDS, default 30 s). */
export const LEASE_MS = (Number(process.env.WHARF_DEPLOY_LEASE_SECONDS) || 30) * 1000;

/** This instance (stable across its restarts: WHARF_INSTANCE_ID, else host name and port). */
export const INSTANCE_ID = process.env.WHARF_INSTANCE_ID || `${os.hostname()}:${process.env.PORT ?? 3000}`;
declare global {
  var wharfBootId: string | undefined;
  /** The leases this process holds, by app, with their renewal timers (route bundles and start-up code share it). */
  var wharfHeldLeases: Map<string, NodeJS.Timeout> | undefined;
}
const held = (globalThis.wharfHeldLeases ??= new Map());
/** This process: a lease of the same instance with another boot was left by a process that is gone. */
export const HOLDER = `${INSTANCE_ID}/${(globalThis.wharfBootId ??= randomBytes(6).toString("hex"))}`;
/** A row's `holder` is an earlier boot of this instance: that process is gone, whatever its lease says. */
export const heldByEarlierBoot = { holder: { startsWith: `${INSTANCE_ID}/` }, NOT: { holder: HOLDER } };

export type Lease = { appId: string; release: () => Promise<void> };

/**
 * Takes the app's lease, or returns null when a live holder has it. Free, expired, or left by an earlier boot of
 * this instance: taken. Renewed in the background until released.
 */
export async function acquireLease(appId: string): Promise<Lease | null> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + LEASE_MS);
  try {
    await db.appLease.create({ data: { appId, holder: HOLDER, acquiredAt: now, expiresAt } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const taken = await db.appLease.updateMany({
      where: {
        appId,
        OR: [{ expiresAt: { lt: now } }, heldByEarlierBoot],
      },
      data: { holder: HOLDER, acquiredAt: now, expiresAt },
    });
    if (taken.count === 0) return null;
  }
  const renew = setInterval(() => {
    db.appLease
      .updateMany({ where: { appId, holder: HOLDER }, data: { expiresAt: new Date(Date.now() + LEASE_MS) } })
      .then((r) => {
        if (r.count === 0)
          console.error(`[wharf] lost the change lease of app ${appId} (renewal came too late)`);
      })
      .catch((e) => console.error(`[wharf] renewing the change lease of app ${appId} failed`, e));
  }, LEASE_MS / 3);
  renew.unref();
  held.set(appId, renew);
  return {
    appId,
    release: async () => {
      clearInterval(renew);
      held.delete(appId);
      await db.appLease.deleteMany({ where: { appId, holder: HOLDER } });
    },
  };
}

/** How many apps' leases this process holds (a change is running): the server waits for them when it stops. */
export const heldLeaseCount = () => held.size;

/**
 * The server is stopping with changes still running (lib/graceful-stop.ts's bound passed): their leases stop being
 * renewed and expire now, so another instance's healing sweep (lib/deploy/recover.ts, every third of a lease) takes
 * them over at its next round rather than once the whole lease has run out.
 */
export async function expireHeldLeases(): Promise<number> {
  for (const timer of held.values()) clearInterval(timer);
  held.clear();
  const { count } = await db.appLease.updateMany({
    where: { holder: HOLDER },
    data: { expiresAt: new Date(0) },
  });
  return count;
}
