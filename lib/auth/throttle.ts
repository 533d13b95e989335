import "server-only";

/**
 * A failed-login counter per key: after `limit` failures inside `windowMs`, further attempts are refused until the
 * oldest failure ages out. In memory: one server process.
 */
export class FailureThrottle {
  private failures = new Map<string, number[]>();
  constructor(
    private limit: number,
    private windowMs: number,
  ) {}

  private recent(key: string, now: number) {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait, or 0 when an attempt may go ahead. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.limit) return 0;
    return Math.ceil((list[0] + this.windowMs - now) / 1000);
  }

  fail(key: string, now = Date.now()) {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  reset(key: string) {
    this.failures.delete(key);
  }
}

const WINDOW_MS = 15 * 60_000;
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
declare global {
  var wharfLoginThrottles:
    | { pair: FailureThrottle; account: FailureThrottle; address: FailureThrottle }
    | undefined;
}
export const loginThrottles = (globalThis.wharfLoginThrottles ??= {
  pair: new FailureThrottle(10, WINDOW_MS),
  account: new FailureThrottle(num("WHARF_LOGIN_MAX_FAILURES_PER_ACCOUNT", 100), WINDOW_MS),
  address: new FailureThrottle(num("WHARF_LOGIN_MAX_FAILURES_PER_ADDRESS", 50), WINDOW_MS),
});

export const pairKey = (email: string, ip: string) => `${email}\n${ip}`;
