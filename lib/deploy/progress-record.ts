import { scrubText } from "@/lib/secrets/model";
import type { Progress, ProgressEvent } from "./types";

/** A deploy's kept progress: enough for any real deploy's story, bounded so a runaway loop cannot fill the row. */
export const MAX_PROGRESS_LINES = 500;
export const MAX_PROGRESS_BYTES = 64 * 1024;

export type StoredProgress = { lines: ProgressEvent[]; truncated: boolean };

/**
 * Keeps the progress lines a deploy streams, scrubbed of its secrets (as build logs are), for the revision to
 * store: the app page shows them to anyone who may see the app, not only the tab that deployed. Past the bounds
 * the oldest lines are kept (how it started) plus the very last one (how it ended).
 */
export class ProgressRecord {
  private readonly lines: ProgressEvent[] = [];
  private bytes = 0;
  private truncated = false;
  private last: ProgressEvent | null = null;
  /** Changes with every line added: a writer of the lines knows whether there is anything new. */
  version = 0;

  constructor(private readonly secrets: readonly string[]) {}

  /** The deploy's `progress`, also recording each line (the stream gets the line as the engine said it). */
  wrap(progress: Progress): Progress {
    return (phase, message, service) => {
      this.add({ type: "progress", phase, message, service, at: new Date().toISOString() });
      progress(phase, message, service);
    };
  }

  add(line: ProgressEvent) {
    this.version++;
    const clean = { ...line, message: scrubText(line.message, this.secrets) };
    const size = clean.message.length + (clean.service?.length ?? 0) + 40;
    if (this.truncated || this.lines.length >= MAX_PROGRESS_LINES || this.bytes + size > MAX_PROGRESS_BYTES) {
      this.truncated = true;
      this.last = clean;
      return;
    }
    this.bytes += size;
    this.lines.push(clean);
  }

  scrub(text: string): string {
    return scrubText(text, this.secrets);
  }

  stored(): StoredProgress {
    return { lines: this.last ? [...this.lines, this.last] : [...this.lines], truncated: this.truncated };
  }
}
