import "server-only";
import { errorCode } from "@/lib/api/errors";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import { fromInspect, fromSummary, inspectContainer, listContainers } from "@/lib/docker/containers";
import { openEventStream, pingEngine, type EngineEvent, type EventStream } from "@/lib/docker/events";
import { describeConnectError, probeEngine } from "@/lib/docker/probe";
import { applyEvent } from "@/lib/fleet/apply-event";
import type { FleetStore } from "@/lib/fleet/store";
import { watchdog } from "@/lib/fleet/watchdog";
import type Docker from "dockerode";

export const BACKOFF_BASE_MS = 250;
export const BACKOFF_MAX_MS = 5_000;
const INSPECT_CONCURRENCY = 8;

/** Full jitter around an exponential step, so 1,000 followers do not reconnect in lockstep. */
export function backoffDelay(attempt: number, random = Math.random): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Mirrors one engine into the store: subscribe to /events (since the last event seen, so the engine replays what
 * its buffer still holds), list, then apply the events buffered meanwhile in order. The engine keeps only 256
 * events and loses them when it restarts, so a gap is possible after any break: every (re)connect re-lists.
 */
export class HostFollower {
  private stopped = false;
  private stream: EventStream | null = null;
  private wake: (() => void) | null = null;
  private lastEventTime: number | null = null;
  /** When the stream last delivered an event (performance.now()): the watchdog pings only after a quiet interval. */
  private heardAt = -Infinity;
  /** Events applied per container, so an inspect that raced with a newer event is dropped. */
  private readonly seq = new Map<string, number>();
  private readonly inspectQueue = new Set<string>();
  private inspecting = 0;
  private unwatch: (() => void) | null = null;
  private docker: { call: Docker; stream: Docker };

  constructor(
    private readonly store: FleetStore,
    private conn: HostConnection,
    /** Sees every event first (the event log keeps the state changes). */
    private readonly onEvent: (hostId: string, e: EngineEvent) => void = () => {},
  ) {
    // The calls (each event's inspect, listings) on the engine's kept-alive connections; the event stream apart.
    this.docker = dockerFor(conn);
  }

  start() {
    void this.run();
  }

  stop() {
    this.stopped = true;
    this.stream?.close();
    this.wake?.();
  }

  private async run() {
    let attempt = 0;
    while (!this.stopped) {
      let error: string | null = null;
      try {
        const err = await this.connectAndFollow(() => (attempt = 0));
        error = err ? describeConnectError(err) : "event stream ended";
      } catch (err) {
        error = describeConnectError(err);
      }
      if (this.stopped) return;
      const wasUp = this.store.hosts.get(this.conn.id)?.status.state === "up";
      // A stream that just broke is "reconnecting"; a failed connect means the engine is not there: "down".
      this.store.setHostStatus(this.conn.id, wasUp && attempt === 0 ? "reconnecting" : "down", error);
      await this.sleep(backoffDelay(attempt++));
    }
  }

  /** Returns the reason the stream ended; throws when connecting or listing failed. */
  private async connectAndFollow(onUp: () => void): Promise<Error | undefined> {
    let buffered: EngineEvent[] | null = [];
    let endResolve!: (err?: Error) => void;
    const ended = new Promise<Error | undefined>((r) => (endResolve = r));
    const since = this.lastEventTime === null ? undefined : String(this.lastEventTime);
    this.stream = await openEventStream(this.docker.stream, {
      since,
      onEvent: (e) => {
        this.heardAt = performance.now();
        if (buffered) buffered.push(e);
        else this.handle(e);
      },
      onEnd: (err) => endResolve(err),
    });
    try {
      await this.relist();
      // handle() is synchronous, so nothing is pushed while this runs; null then keeps no event alive either.
      for (const e of buffered) this.handle(e);
      buffered = null;
      this.store.setHostStatus(this.conn.id, "up");
      onUp();
      void this.refreshEngineInfo();
      return await Promise.race([ended, this.stalled()]);
    } finally {
      this.unwatch?.();
      this.stream?.close();
      this.stream = null;
    }
  }

  /**
   * Its own frame on purpose: connectAndFollow stays suspended for the life of the connection, and V8 keeps a
   * suspended async function's locals alive — a list held there pinned ~3 KiB of raw engine JSON per container.
   */
  private async relist() {
    const list = await listContainers(this.docker.call);
    const now = Date.now();
    this.store.replaceHost(
      this.conn.id,
      list.map((s) => fromSummary(this.conn.id, s, now)),
    );
  }

  /**
   * Resolves with an error once the engine stops answering /_ping while the stream is silent (the shared
   * watchdog's sweep decides when to ping, and when a ping took too long).
   */
  private stalled(): Promise<Error> {
    return new Promise((resolve) => {
      this.unwatch = watchdog.watch({
        heardAt: () => this.heardAt,
        ping: () => pingEngine(this.conn),
        stall: (err) =>
          resolve(
            Object.assign(new Error(`stalled: ${describeConnectError(err)}`), { code: errorCode(err) }),
          ),
      });
    });
  }

  private handle(e: EngineEvent) {
    this.lastEventTime = Math.max(this.lastEventTime ?? 0, e.time);
    this.store.noteEvent(this.conn.id, e.timeNano / 1e6);
    const id = e.Actor?.ID;
    if (!id) return;
    this.onEvent(this.conn.id, e);
    this.seq.set(id, (this.seq.get(id) ?? 0) + 1);
    const outcome = applyEvent(this.store.get(this.conn.id, id), this.conn.id, e);
    const t = e.timeNano / 1e6;
    if (outcome.kind === "remove") {
      this.seq.delete(id);
      this.store.remove(this.conn.id, id, t);
    } else if (outcome.kind === "upsert") {
      this.store.upsert(outcome.record, t);
      if (outcome.refresh) this.queueInspect(id);
    }
  }

  private queueInspect(id: string) {
    this.inspectQueue.add(id);
    this.drainInspects();
  }

  private drainInspects() {
    while (this.inspecting < INSPECT_CONCURRENCY && this.inspectQueue.size) {
      const id = this.inspectQueue.values().next().value!;
      this.inspectQueue.delete(id);
      const seqAtStart = this.seq.get(id);
      this.inspecting++;
      inspectContainer(this.docker.call, id)
        .then((info) => {
          // A newer event arrived while we waited: it is fresher than this snapshot (and queued its own inspect).
          if (!info || this.stopped || this.seq.get(id) !== seqAtStart || !this.store.get(this.conn.id, id))
            return;
          this.store.upsert(fromInspect(this.conn.id, info));
        })
        .catch(() => {})
        .finally(() => {
          this.inspecting--;
          this.drainInspects();
        });
    }
  }

  private async refreshEngineInfo() {
    try {
      const info = await probeEngine(this.conn);
      const h = this.store.hosts.get(this.conn.id);
      if (h) h.engine = info;
    } catch {
      /* the watchdog reports real trouble */
    }
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
