import "server-only";

/**
 * How long a session or token row, once read (lib/auth/session.ts), is trusted without reading it again: what a
 * change made through another instance, or in the database behind Wharf's back, takes at most to apply (issue 20
 * allows 5 s). Changes made through this instance apply at once (forgetActorsOf, forgetTokenHash). Expiry is
 * checked on every request regardless.
 */
export const AUTH_CACHE_MS = 2000;
/** Bounds the memory of many distinct credentials seen within AUTH_CACHE_MS (the oldest goes first). */
const AUTH_CACHE_MAX = 10_000;

/** A read of one credential, shared by every request that asks within AUTH_CACHE_MS (and while it is in flight). */
type Entry = { at: number; row: Promise<{ userId: string } | undefined>; userId?: string };
declare global {
  var wharfCredentialCache: Map<string, Entry> | undefined;
}
const g = globalThis;
const cache = (g.wharfCredentialCache ??= new Map());

/** The row of `kind:tokenHash`, read by `read` at most once per AUTH_CACHE_MS. Unknown credentials are not kept. */
export function cachedRow<R extends { userId: string }>(
  kind: "session" | "token",
  tokenHash: string,
  read: () => Promise<R | undefined>,
): Promise<R | undefined> {
  const key = `${kind}:${tokenHash}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < AUTH_CACHE_MS) return hit.row as Promise<R | undefined>;
  // `at` is when the read started: a row is never trusted for longer than AUTH_CACHE_MS after it was read.
  const row = read();
  const entry: Entry = { at: now, row };
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > AUTH_CACHE_MAX) cache.delete(cache.keys().next().value!);
  const drop = () => cache.get(key) === entry && cache.delete(key);
  // A guess costs a read every time, and a credential created after a miss works at once.
  row.then((r) => (r ? (entry.userId = r.userId) : drop()), drop);
  return row;
}

/**
 * This instance forgets what it read for these users, so a change of their access (disabled, role, membership,
 * password, a token revoked) applies to their next request here. Reads still in flight are forgotten too: they may
 * have started before the change was committed. Call it after the change is committed.
 */
export function forgetActorsOf(userIds: Iterable<string>) {
  const ids = new Set(userIds);
  for (const [key, entry] of cache)
    if (entry.userId === undefined || ids.has(entry.userId)) cache.delete(key);
}

/** This instance forgets one session's or token's row (sign-out). */
export function forgetTokenHash(tokenHash: string) {
  cache.delete(`session:${tokenHash}`);
  cache.delete(`token:${tokenHash}`);
}
