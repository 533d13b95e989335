import "server-only";
import http, { type ClientRequest, type IncomingMessage } from "node:http";
import https from "node:https";
import { StringDecoder } from "node:string_decoder";
import { engineAgent, type HostConnection } from "@/lib/docker/client";
import { engineResponse } from "@/lib/docker/streams";
import { parseHostUrl } from "@/lib/validations/host-url";
import type Docker from "dockerode";

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

/** A ping in flight: `answered` settles with the engine's answer; `abort` drops the request. */
export type Ping = { answered: Promise<void>; abort(): void };

/**
 * `GET /_ping` on the host's pooled connections, for the stall watchdog (the event stream is silent when nothing
 * happens, so silence proves nothing). A bare request with no timer of its own: the watchdog's sweep decides when
 * it took too long. Through dockerode each ping built a full request (options, a socket timeout, a result parser):
 * at 5,000 hosts, ~2,000 of them a second (docs/scale.md, session 20).
 */
export function pingEngine(conn: HostConnection): Ping {
  const endpoint = parseHostUrl(conn.url);
  if (!endpoint) throw new Error(`Unsupported host URL: ${conn.url}`);
  const where =
    endpoint.kind === "unix"
      ? { socketPath: endpoint.socketPath }
      : { host: endpoint.host, port: endpoint.port };
  const options = { ...where, path: "/_ping", method: "GET", agent: engineAgent(conn) };
  let req: ClientRequest | undefined;
  const answered = new Promise<void>((resolve, reject) => {
    req = (conn.tls ? https : http).request(options, (res) => {
      res.on("error", reject);
      res.on("end", () =>
        res.statusCode === 200
          ? resolve()
          : reject(
              Object.assign(new Error(`/_ping answered HTTP ${res.statusCode}`), {
                statusCode: res.statusCode,
              }),
            ),
      );
      res.resume();
    });
    req.on("error", reject);
    req.end();
  });
  return { answered, abort: () => req?.destroy() };
}
