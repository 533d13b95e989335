import "server-only";
import pg from "pg";
import { HOLDER } from "@/lib/deploy/lease";

/**
 * The advisory lock that makes one instance the fleet event log's writer: the two-key form, a space apart from the
 * one-key locks Wharf takes elsewhere (builds lock `hashtext(…)` per tenant), so no hash can ever collide with it.
 */
export const EVENT_WRITER_LOCK = [20, 1] as const;
const TRY_EVERY_MS = 2_000;
/**
 * PostgreSQL ends a session silent this long. The holder asks something every TRY_EVERY_MS, so only a frozen or
 * partitioned holder goes quiet: its session ends and the lock is free for another instance.
 */
const IDLE_SESSION_MS = 15_000;
/** How an instance shows in pg_stat_activity (tests find the holder by it): its deploy-lease holder id. */
export const EVENT_WRITER_APPLICATION = `wharf event log ${HOLDER}`.slice(0, 63);

/**
 * Which instance writes the engine events to the log (issue 20). Every instance follows every engine and sees the
 * same events; before, each inserted all of them and the unique key dropped the copies (N × the rows offered). Now
 * the instance holding a session-level advisory lock writes; the others keep a short backlog (lib/fleet/event-log.ts)
 * and try the lock every 2 s. No lease row to renew: PostgreSQL frees the lock the moment the holder's session ends
 * (the process died, its connection broke, or it stayed silent for IDLE_SESSION_MS), and the next try takes it.
 * One dedicated connection per instance, outside the pool.
 */
export class EventWriterLock {
  private client: pg.Client | null = null;
  private held = false;
  private busy = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    /** Called when this instance becomes the writer (it then writes its backlog). */
    private readonly onAcquired: () => void,
  ) {}

  get isHeld() {
    return this.held;
  }

  start() {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), TRY_EVERY_MS);
    this.timer.unref();
  }

  /**
   * Lets go of the lock (the server is stopping): its session ends, which frees it at once for the next instance's
   * try (every TRY_EVERY_MS), and the promise resolves once PostgreSQL was told.
   */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.drop();
  }

  private async tick() {
    if (this.busy) return;
    this.busy = true;
    try {
      const c = this.client ?? (await this.connect());
      if (this.held) {
        await c.query("SELECT 1"); // keeps the session, and so the lock, alive
      } else {
        const r = await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::int, $2::int) AS ok", [
          ...EVENT_WRITER_LOCK,
        ]);
        if (r.rows[0]?.ok) {
          this.held = true;
          this.onAcquired();
        }
      }
    } catch (err) {
      if (this.held) console.warn(`[wharf] events: no longer the event log's writer: ${String(err)}`);
      void this.drop();
    } finally {
      this.busy = false;
    }
  }

  private async connect(): Promise<pg.Client> {
    const c = new pg.Client({
      connectionString: this.connectionString,
      application_name: EVENT_WRITER_APPLICATION,
    });
    // A session that ends (killed, idle timeout, network) took the lock with it.
    c.on("error", () => c === this.client && void this.drop());
    c.on("end", () => c === this.client && void this.drop());
    try {
      await c.connect();
    } catch (err) {
      void c.end().catch(() => undefined);
      throw err;
    }
    // PostgreSQL 14 and later; before, a frozen holder keeps the lock until its connection breaks.
    await c.query(`SET idle_session_timeout = ${IDLE_SESSION_MS}`).catch(() => undefined);
    this.client = c;
    return c;
  }

  private drop(): Promise<void> {
    this.held = false;
    const c = this.client;
    this.client = null;
    return c ? c.end().catch(() => undefined) : Promise.resolve();
  }
}
