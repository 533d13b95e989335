import "server-only";
import type { HostConnection } from "@/lib/docker/client";
import { openLogStream } from "@/lib/docker/logs";
import { compareTimestamps, LogDecoder, type LogLine } from "@/lib/ops/log-decoder";
import { followLogs } from "@/lib/ops/log-hub";

/** A viewer this far behind the live stream loses its oldest queued lines (and is told so). */
export const MAX_QUEUED_LINES = 20_000;

export type ReadLogsOptions = { tail: number | "all"; follow: boolean; since?: number; until?: number };
export type LogBatch = LogLine[];

/**
 * A viewer's log read: the last `tail` lines (its own short engine read), then — when following —
 * the live lines from the shared stream. The shared stream is joined *before* the tail is read and its
 * lines are held back until the tail is out, then only lines newer than the tail's last one pass:
 * nothing is lost or repeated at the seam. Lines always carry engine timestamps (`ts`).
 * When following, one empty batch separates the tail from the live lines.
 */
export async function* readLogs(
  host: HostConnection,
  containerId: string,
  tty: boolean,
  opts: ReadLogsOptions,
  signal: AbortSignal,
): AsyncGenerator<LogBatch> {
  const queue: LogBatch[] = [];
  let queued = 0;
  let ended = false;
  const enqueue = (lines: LogLine[]) => {
    queue.push(lines);
    queued += lines.length;
    if (queued <= MAX_QUEUED_LINES) return;
    let dropped = 0;
    while (queued > MAX_QUEUED_LINES / 2 && queue.length > 1) {
      const old = queue.shift()!;
      queued -= old.length;
      dropped += old.length;
    }
    queue.unshift([
      {
        stream: "stderr",
        ts: queue[0]?.[0]?.ts,
        text: `[wharf] ${dropped} lines skipped: this viewer fell behind the live log`,
      },
    ]);
    queued += 1;
  };
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const leave = opts.follow
    ? followLogs(host, containerId, tty, {
        data: (lines) => (enqueue(lines), notify()),
        end: () => ((ended = true), notify()),
      })
    : () => {};
  const onAbort = () => notify();
  signal.addEventListener("abort", onAbort);
  try {
    let last: string | undefined;
    for await (const batch of readTail(host, containerId, tty, opts, signal)) {
      last = batch.at(-1)?.ts ?? last;
      yield batch;
    }
    if (!opts.follow) return;
    yield []; // marks the end of the tail for mergers (lib/ops/app-logs); writers skip empty batches
    while (!signal.aborted) {
      const next = queue.shift();
      if (next) {
        queued -= next.length;
        const fresh = last ? next.filter((l) => !l.ts || compareTimestamps(l.ts, last!) > 0) : next;
        if (fresh.length) yield fresh;
        if (last && fresh.length === next.length) last = undefined; // past the seam: stop comparing
        continue;
      }
      if (ended) return;
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    leave();
  }
}

async function* readTail(
  ...[host, containerId, tty, opts, signal]: Parameters<typeof readLogs>
): AsyncGenerator<LogBatch> {
  if (opts.tail === 0) return;
  const stream = await openLogStream(host, containerId, {
    follow: false,
    tail: opts.tail,
    timestamps: true,
    since: opts.since,
    until: opts.until,
  });
  const onAbort = () => stream.destroy();
  signal.addEventListener("abort", onAbort);
  const decoder = new LogDecoder(tty, true);
  try {
    for await (const chunk of stream) {
      const lines = decoder.push(chunk as Buffer);
      if (lines.length) yield lines;
    }
    const rest = decoder.flush();
    if (rest.length) yield rest;
  } finally {
    signal.removeEventListener("abort", onAbort);
    stream.destroy();
  }
}
