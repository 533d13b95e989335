import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { retryAfterSeconds } from "./throttle-window";

const WINDOW_MS = 15 * 60_000;
/** How often one instance deletes failures older than the window (every instance does; deleting twice is harmless). */
const PRUNE_EVERY_MS = 60_000;

/**
 * A failed-login counter per key, kept in the database (LoginFailure), so every instance on it counts the same
 * failures: after `limit` failures inside the window, further attempts are refused until enough of them age out.
 * The stored key is a SHA-256 of the counter's name and key: no e-mail or address is kept in the table.
 *
 * An attempt first writes its row (a reservation), then counts the key's rows in the window, and that count
 * decides. The row is committed before the count is read, so of N attempts made at the same moment, on one instance
 * or several, the k-th to commit counts at least k rows: no more than `limit` go ahead (a check made before the
 * write, as this was, let a burst through). A wrong password keeps the row as the failure; a refusal or a success
 * deletes it again.
 */
export class FailureThrottle {
  constructor(
    private name: string,
    private limit: number,
    private windowMs: number,
  ) {}

  private hash(key: string) {
    return createHash("sha256").update(`${this.name}\n${key}`).digest("hex");
  }

  /** Reserves one attempt: its row's id, and whether the counter is over its limit with it. */
  async reserve(key: string, now = Date.now()): Promise<{ id: string; over: boolean }> {
    const hash = this.hash(key);
    const { id } = await db.loginFailure.create({
      data: { key: hash, at: new Date(now) },
      select: { id: true },
    });
    const count = await db.loginFailure.count({
      where: { key: hash, at: { gt: new Date(now - this.windowMs) } },
    });
    return { id, over: count > this.limit };
  }

  /** Seconds to wait (at least 1) after a refused attempt's row was deleted: until the limit-th newest failure ages out. */
  async retryAfter(key: string, now = Date.now()): Promise<number> {
    const nth = await db.loginFailure.findFirst({
      where: { key: this.hash(key), at: { gt: new Date(now - this.windowMs) } },
      orderBy: { at: "desc" },
      skip: this.limit - 1,
      select: { at: true },
    });
    return Math.max(1, retryAfterSeconds(nth?.at ?? null, this.windowMs, now));
  }

  async reset(key: string) {
    await db.loginFailure.deleteMany({ where: { key: this.hash(key) } });
  }
}

/** Deletes reservations that did not become failures (a refused or a successful attempt). */
export async function releaseAttempts(ids: string[]) {
  await db.loginFailure.deleteMany({ where: { id: { in: ids } } });
}

/** Failures stay as rows; those older than the window are deleted by each instance at most once a minute. */
export async function keepFailures(now = Date.now()) {
  await pruneOldFailures(now, WINDOW_MS);
}

declare global {
  var wharfLoginFailuresPrunedAt: number | undefined;
}
async function pruneOldFailures(now: number, windowMs: number) {
  if (now - (globalThis.wharfLoginFailuresPrunedAt ?? 0) < PRUNE_EVERY_MS) return;
  globalThis.wharfLoginFailuresPrunedAt = now;
  await db.loginFailure.deleteMany({ where: { at: { lte: new Date(now - windowMs) } } });
}

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/**
 * Three counters, so that a stranger cannot lock anyone out (docs/security.md, "The HTTP edge"):
 * - `pair` (account + address, 10 per 15 min): a guesser is stopped on that account from that address only;
 * - `address` (WHARF_LOGIN_MAX_FAILURES_PER_ADDRESS, 50): one address spraying many accounts;
 * - `account` (WHARF_LOGIN_MAX_FAILURES_PER_ACCOUNT, 100): many addresses guessing one account. It never applies
 *   to an address the account has signed in from before, so the owner still gets in while strangers are held off.
 * The address is the one lib/api/request.ts resolves: X-Forwarded-For counts only from a trusted proxy.
 */
export const loginThrottles = {
  pair: new FailureThrottle("pair", 10, WINDOW_MS),
  account: new FailureThrottle("account", num("WHARF_LOGIN_MAX_FAILURES_PER_ACCOUNT", 100), WINDOW_MS),
  address: new FailureThrottle("address", num("WHARF_LOGIN_MAX_FAILURES_PER_ADDRESS", 50), WINDOW_MS),
};

export const pairKey = (email: string, ip: string) => `${email}\n${ip}`;
