import type { Ping } from "@/lib/docker/events";

/** A followed engine is pinged once its event stream has been quiet this long, and stalls when a ping takes as long. */
export const WATCHDOG_INTERVAL_MS = 2_500;
const SWEEP_MS = 250;

export type Watched = {
  /** When the stream last delivered an event (performance.now()). */
  heardAt(): number;
  ping(): Ping;
  /** The engine stopped answering (the ping failed, or took longer than the interval). Called at most once. */
  stall(err: Error): void;
};
/** `inFlight`: the ping awaiting its answer, and when it was sent. */
type Watch = { target: Watched; answeredAt: number; inFlight: { ping: Ping; since: number } | null };

/**
 * The stall check of every followed engine, in one sweep every 250 ms: an engine whose stream and last ping are
 * both older than the interval gets a ping, and a ping older than the interval means a hung engine. So a hung
 * engine is found within two intervals (and a sweep) of its last event. One timer for the fleet instead of a
 * sleeping loop and a timed dockerode ping per host: at 5,000 hosts those loops (timers and promises alive for
 * 2.5 s, and their pings) were a quarter of what reached the old generation (docs/scale.md, session 20).
 */
export class StallWatchdog {
  private readonly watches = new Set<Watch>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly intervalMs = WATCHDOG_INTERVAL_MS,
    private readonly now = () => performance.now(),
  ) {}

  /** Starts watching; returns the function that stops (a ping in flight is dropped). */
  watch(target: Watched): () => void {
    const w: Watch = { target, answeredAt: -Infinity, inFlight: null };
    this.watches.add(w);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), SWEEP_MS);
      this.timer.unref();
    }
    return () => this.drop(w);
  }

  get size() {
    return this.watches.size;
  }

  /** One pass over every watched engine (the timer's; tests call it with their own clock). */
  sweep() {
    const now = this.now();
    for (const w of this.watches) {
      if (w.inFlight) {
        if (now - w.inFlight.since >= this.intervalMs)
          this.fail(
            w,
            Object.assign(new Error(`no answer to /_ping within ${this.intervalMs} ms`), {
              code: "ETIMEDOUT",
            }),
          );
        continue;
      }
      if (now - Math.max(w.target.heardAt(), w.answeredAt) < this.intervalMs) continue;
      const sent = { ping: w.target.ping(), since: now };
      w.inFlight = sent;
      sent.ping.answered.then(
        () => {
          if (w.inFlight !== sent) return;
          w.inFlight = null;
          w.answeredAt = this.now();
        },
        (err: unknown) =>
          w.inFlight === sent && this.fail(w, err instanceof Error ? err : new Error(String(err))),
      );
    }
  }

  private fail(w: Watch, err: Error) {
    this.drop(w);
    w.target.stall(err);
  }

  private drop(w: Watch) {
    if (!this.watches.delete(w)) return;
    w.inFlight?.ping.abort();
    w.inFlight = null;
    if (!this.watches.size && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

/** The process's one watchdog, shared by every follower. */
export const watchdog = new StallWatchdog();
