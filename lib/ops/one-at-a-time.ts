import "server-only";

/** One key's queue: when its last call has settled, and that call's outcome while it still waits its turn. */
type Entry = { settled: Promise<void>; waiting?: { tag: string; result: Promise<void> } };

declare global {
  var wharfOneAtATime: Map<string, Entry> | undefined;
}
// On globalThis: every route bundle must share one queue per key.
const queues = (globalThis.wharfOneAtATime ??= new Map());

/**
 * Runs `fn` after every earlier call with the same key has settled. The engine answers overlapping state changes of
 * one container (two restarts, a stop during a restart) with a 500 ("is not running"); queued, each one runs whole.
 * A call whose `tag` equals the one still waiting its turn joins it rather than queueing a second one: two restarts
 * asked while another action runs are one restart after it, which is what both callers asked for.
 */
export function oneAtATime(key: string, fn: () => Promise<void>, tag?: string): Promise<void> {
  const last = queues.get(key);
  if (tag && last?.waiting?.tag === tag) return last.waiting.result;
  const entry: Entry = { settled: Promise.resolve() };
  const result = (last?.settled ?? Promise.resolve()).then(() => {
    entry.waiting = undefined; // started: whoever comes now queues behind it
    return fn();
  });
  if (tag) entry.waiting = { tag, result };
  entry.settled = result.catch(() => undefined);
  queues.set(key, entry);
  void entry.settled.then(() => queues.get(key) === entry && queues.delete(key));
  return result;
}
