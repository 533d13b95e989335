import "server-only";
import { EventEmitter } from "node:events";
import { buildConfig, formatLimit } from "@/lib/builds/config";
import { StreamScrubber } from "@/lib/secrets/stream-scrub";

/**
 * A running build's log: kept in memory (capped), fanned out to any number of viewers, and
 * written to the database by the runner. A viewer that arrives late gets what was logged so far,
 * then follows. Every piece is scrubbed of the build's secrets (lib/builds/log-secrets.ts) before it is
 * kept, so neither the stored nor the streamed log ever holds one — whoever reads it.
 */
export class LiveLog {
  private chunks: string[] = [];
  bytes = 0;
  truncated = false;
  done = false;
  private readonly events = new EventEmitter();
  private readonly scrubber: StreamScrubber;
  constructor(
    readonly max = buildConfig.logMaxBytes,
    secrets: readonly string[] = [],
  ) {
    this.events.setMaxListeners(0);
    this.scrubber = new StreamScrubber(secrets);
  }

  append(text: string) {
    if (this.truncated || this.done || !text) return;
    this.keep(this.scrubber.push(text));
  }

  /** Emits what the scrubber still holds back (no whole secret): call before the log's final write. */
  settle() {
    if (this.truncated || this.done) return;
    this.keep(this.scrubber.end());
  }

  /** A message (an error) with the build's secrets masked, for the build's `error` column. */
  scrub(text: string): string {
    return this.scrubber.scrub(text);
  }

  private keep(text: string) {
    if (!text) return;
    const room = this.max - this.bytes;
    let piece = text;
    if (Buffer.byteLength(piece) > room) {
      piece = Buffer.from(piece)
        .subarray(0, Math.max(0, room))
        .toString("utf8")
        .replace(/\uFFFD$/, "");
      piece += `\n[wharf] Log truncated: only the first ${formatLimit(this.max)} of a build's log is kept; the build goes on.\n`;
      this.truncated = true;
    }
    this.chunks.push(piece);
    this.bytes += Buffer.byteLength(piece);
    this.events.emit("data", piece);
  }

  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join("")];
    return this.chunks[0] ?? "";
  }

  finish() {
    if (this.done) return;
    this.settle();
    this.done = true;
    this.events.emit("end");
  }

  /** Replays the log so far, then follows it; returns an unsubscribe function. */
  follow(onData: (text: string) => void, onEnd: () => void): () => void {
    const past = this.text();
    if (past) onData(past);
    if (this.done) {
      onEnd();
      return () => {};
    }
    this.events.on("data", onData);
    this.events.once("end", onEnd);
    return () => {
      this.events.off("data", onData);
      this.events.off("end", onEnd);
    };
  }
}

declare global {
  var wharfBuildLogs: Map<string, LiveLog> | undefined;
}
const g = globalThis;
const logs = (g.wharfBuildLogs ??= new Map());

export const liveLog = (buildId: string) => logs.get(buildId);

export function openLiveLog(buildId: string, secrets: readonly string[] = []): LiveLog {
  const log = new LiveLog(buildConfig.logMaxBytes, secrets);
  logs.set(buildId, log);
  return log;
}

/** After the final write to the database the in-memory copy is dropped; viewers read the stored log from then on. */
export function closeLiveLog(buildId: string) {
  logs.get(buildId)?.finish();
  logs.delete(buildId);
}
