import "server-only";
import { forgetActorsOf } from "@/lib/auth/credential-cache";

/** How often every open stream re-checks its rights, whatever else happens: 30 s, or less (WHARF_STREAM_RECHECK_MS). */
export const STREAM_RECHECK_MS = Math.min(30_000, Number(process.env.WHARF_STREAM_RECHECK_MS) || 30_000);

/**
 * Every open WebSocket and streaming response registers here with a `check` (re-authenticate the same
 * credentials, then re-run the stream's own authorization) and a `close` that tells the client why it ends.
 * Checks run every STREAM_RECHECK_MS, and at once for one user when their access changes (disabled, role or
 * membership changed, token revoked): recheckStreamsOf. In memory: one server process, like the streams themselves.
 */
type Entry = {
  userId: string;
  check: () => Promise<unknown>;
  close: (reason: string) => void;
  /** Ends the stream with no reason given, for a client that reconnects on its own (SSE): the server is stopping. */
  end?: () => void;
  stop: () => void;
  checking?: Promise<void>;
};

declare global {
  var wharfLiveStreams: Set<Entry> | undefined;
}
const g = globalThis;
const open = (g.wharfLiveStreams ??= new Set());

const messageOf = (err: unknown) => (err instanceof Error && err.message ? err.message : "access revoked");

async function run(entry: Entry, reason: string | null): Promise<void> {
  try {
    await entry.check();
  } catch (err) {
    if (!open.has(entry)) return;
    entry.stop();
    entry.close(reason ? `${reason} (${messageOf(err)})` : messageOf(err));
  }
}

/**
 * Runs `check` every `ms`, the first time after a random part of `ms`: streams opened together (every client of an
 * instance reconnecting after a restart, or a page of 1,000 viewers) would otherwise all re-read their session in the
 * same tick, every period, and hold up the event loop for the length of that burst (docs/scale.md, session 17).
 * Returns the function that stops it.
 */
export function everyStreamPeriod(check: () => void, ms = STREAM_RECHECK_MS): () => void {
  let timer: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    timer = setInterval(check, ms).unref();
    check();
  }, Math.random() * ms).unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/**
 * Watches one stream; returns the function to call when it ends for any other reason. `periodic: false` for
 * streams that already re-check on their own schedule (the fleet stream) and only need the immediate path.
 */
export function watchStream(s: {
  userId: string;
  check: () => Promise<unknown>;
  close: (reason: string) => void;
  end?: () => void;
  periodic?: boolean;
}): () => void {
  const stopChecks = s.periodic === false ? undefined : everyStreamPeriod(() => void run(entry, null));
  const entry: Entry = {
    userId: s.userId,
    check: s.check,
    close: s.close,
    end: s.end,
    stop: () => {
      stopChecks?.();
      open.delete(entry);
    },
  };
  open.add(entry);
  return entry.stop;
}

/**
 * Called after a change of these users' access is committed: this instance forgets their cached credentials
 * (lib/auth/session.ts), so their next request sees it, and re-checks every open stream of theirs now; those that
 * fail close with `reason`. Awaits the checks.
 */
export async function recheckStreamsOf(userIds: string | string[], reason: string): Promise<void> {
  const ids = new Set(Array.isArray(userIds) ? userIds : [userIds]);
  forgetActorsOf(ids);
  await Promise.all([...open].filter((e) => ids.has(e.userId)).map((e) => run(e, reason)));
}

export const openStreamCount = (userId?: string) =>
  [...open].filter((e) => userId === undefined || e.userId === userId).length;

/**
 * The server is stopping (lib/graceful-stop.ts): every stream whose client reconnects by itself (SSE: EventSource,
 * the console's stream readers) ends now, so it reconnects through the balancer to another instance and resumes from
 * a snapshot. Other streams (a deploy's progress, NDJSON and text logs) are requests in flight. Returns how many ended.
 */
export function endReconnectingStreams(): number {
  const ending = [...open].filter((e) => e.end);
  for (const e of ending) {
    e.stop();
    e.end!();
  }
  return ending.length;
}
