import "server-only";

/**
 * Failed-login throttle, per account and per address: after `limit` failures inside `windowMs`,
 * further attempts are refused until the oldest failure ages out. In memory: one server process.
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

declare global {
  var wharfThrottles: { account: FailureThrottle; address: FailureThrottle } | undefined;
}
const g = globalThis;
export const loginThrottles = (g.wharfThrottles ??= {
  account: new FailureThrottle(10, 15 * 60_000),
  address: new FailureThrottle(Number(process.env.WHARF_LOGIN_MAX_FAILURES_PER_ADDRESS ?? 50), 15 * 60_000),
});
