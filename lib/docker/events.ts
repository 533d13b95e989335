import "server-only";
import { StringDecoder } from "node:string_decoder";
import { createDocker, engineAgent, type HostConnection } from "@/lib/docker/client";
import { engineResponse } from "@/lib/docker/streams";
import type Docker from "dockerode";
import type { IncomingMessage } from "node:http";

/** One `/events` message (API 1.41). */
export type EngineEvent = {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano: number;
};

/** Whether a parsed /events line has the fields an EngineEvent promises (a type guard: this is the hot path). */
export function isEngineEvent(v: unknown): v is EngineEvent {
  if (!v || typeof v !== "object") return false;
  if (!("Type" in v && "Action" in v && "Actor" in v && "time" in v && "timeNano" in v)) return false;
  const { Type, Action, Actor, time, timeNano } = v;
  return (
    typeof Type === "string" &&
    typeof Action === "string" &&
    typeof time === "number" &&
    typeof timeNano === "number" &&
    !!Actor &&
    typeof Actor === "object" &&
    "ID" in Actor &&
    typeof Actor.ID === "string"
  );
}

/**
 * Newline-delimited JSON read as a stream: a chunk may end mid-line (or mid UTF-8 character) and may
 * carry several lines. Lines that are not JSON are reported, not thrown, so one bad line cannot stop a follower.
 */
export class NdjsonParser {
  private rest = "";
  private readonly decoder = new StringDecoder("utf8");
  constructor(private readonly onBadLine: (line: string) => void = () => {}) {}

  push(chunk: Buffer | string): unknown[] {
    const text = this.rest + (typeof chunk === "string" ? chunk : this.decoder.write(chunk));
    const lines = text.split("\n");
    this.rest = lines.pop() ?? "";
    const out: unknown[] = [];
    for (const line of lines) {
      const t = line.trim();
      if (!t) continue;
      try {
        out.push(JSON.parse(t));
      } catch {
        this.onBadLine(t);
      }
    }
    return out;
  }

  /** What is left after the stream ended (a last line without a newline). */
  end(): unknown[] {
    return this.push(this.decoder.end() + "\n");
  }
}

export type EventStream = { close(): void };

/**
 * Opens `GET /events` for containers and resolves once the engine answered (we are subscribed from then on).
 * Events are handed over synchronously as they are parsed, in order: the socket is read in flowing mode so the
 * engine never sees a slow listener. `onEnd` fires exactly once, with the error if the stream broke.
 */
export async function openEventStream(
  docker: Docker,
  opts: {
    since?: string;
    openTimeoutMs?: number;
    onEvent: (e: EngineEvent) => void;
    onEnd: (err?: Error) => void;
  },
): Promise<EventStream> {
  // The stream client has no timeout (the stream is meant to stay open), so opening gets one of its own.
  const abort = new AbortController();
  const timer = setTimeout(
    () => abort.abort(Object.assign(new Error("timed out opening /events"), { code: "ETIMEDOUT" })),
    opts.openTimeoutMs ?? 5_000,
  );
  let res: IncomingMessage;
  try {
    // `since` is the engine's own nanosecond string (a number would lose digits); dockerode types it as a number.
    const options = { since: opts.since, filters: { type: ["container"] }, abortSignal: abort.signal };
    res = engineResponse(await docker.getEvents(options as object));
  } catch (err) {
    throw abort.signal.aborted ? abort.signal.reason : err;
  } finally {
    clearTimeout(timer);
  }
  let ended = false;
  const finish = (err?: Error) => {
    if (ended) return;
    ended = true;
    opts.onEnd(err);
  };
  const parser = new NdjsonParser((line) =>
    console.warn(`[wharf] events: skipped a line that is not JSON: ${line.slice(0, 120)}`),
  );
  const deliver = (items: unknown[]) => {
    for (const item of items) {
      if (ended) return;
      if (isEngineEvent(item)) opts.onEvent(item);
      else console.warn(`[wharf] events: skipped a message that is not an engine event`);
    }
  };
  res.on("data", (chunk: Buffer) => deliver(parser.push(chunk)));
  res.on("end", () => {
    deliver(parser.end());
    finish(new Error("the engine closed the event stream"));
  });
  res.on("error", (err) => finish(err));
  res.on("close", () => finish(new Error("event stream closed")));
  res.socket?.setKeepAlive?.(true, 5_000);
  return {
    close() {
      ended = true;
      res.destroy();
    },
  };
}

/** A short-timeout ping for the stall watchdog: the event stream is silent when nothing happens, so silence proves nothing. */
export function createPinger(conn: HostConnection, timeoutMs: number): () => Promise<void> {
  const docker = createDocker(conn, { timeoutMs, agent: engineAgent(conn) });
  return async () => void (await answeredWithin(docker.ping(), timeoutMs, "/_ping"));
}

/**
 * `answer`, or an ETIMEDOUT error when it takes longer than `ms`. The timer goes as soon as the answer comes: every
 * follower pings every 2.5 s (400 pings a second at 1,000 hosts), and a timer left to fire after its ping had answered
 * kept ~1,000 timers alive at once, each firing an Error (stack captured) into a race already settled (docs/scale.md,
 * round 7).
 */
export function answeredWithin<T>(answer: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer to ${what} within ${ms} ms`), { code: "ETIMEDOUT" })),
      ms,
    );
    timer.unref();
  });
  return Promise.race([answer, deadline]).finally(() => clearTimeout(timer));
}
