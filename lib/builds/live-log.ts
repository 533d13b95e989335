import "server-only";
import { EventEmitter } from "node:events";
import { buildConfig, formatLimit } from "@/lib/builds/config";

/**
 * A running build's log: kept in memory (capped), fanned out to any number of viewers, and
 * written to the database by the runner. A viewer that arrives late gets what was logged so far,
 * then follows.
 */
export class LiveLog {
  private chunks: string[] = [];
  bytes = 0;
  truncated = false;
  done = false;
  private readonly events = new EventEmitter();
  constructor(readonly max = buildConfig.logMaxBytes) {
    this.events.setMaxListeners(0);
  }

  append(text: string) {
    if (this.truncated || this.done || !text) return;
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

export function openLiveLog(buildId: string): LiveLog {
  const log = new LiveLog();
  logs.set(buildId, log);
  return log;
}

/** After the final write to the database the in-memory copy is dropped; viewers read the stored log from then on. */
export function closeLiveLog(buildId: string) {
  logs.get(buildId)?.finish();
  logs.delete(buildId);
}
