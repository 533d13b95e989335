import "server-only";
import { errorText } from "@/lib/api/errors";
import { currentConfig, loadConfig } from "./caddy-admin";
import { pendingChallenges } from "./challenge";
import { caddyConfig, canonicalJson } from "./config";
import { desiredRoutes } from "./routes";
import { edgeEnv, type EdgeEnv } from "./settings";
import { countRoutes, startTrafficReader } from "./traffic";

// Keeps Caddy's config equal to the one computed from Wharf's state. Idempotent: it loads only when what Caddy
// runs differs, so a restarted Caddy (empty config) or a restarted Wharf converges at the next sync. Syncs run
// one at a time; calls made while one waits share it. The queue is on globalThis: route handlers and the
// start-up hooks are bundled apart, and two queues could load an older computation after a newer one.

type Queue = {
  tail: Promise<void>;
  waiting: Promise<void> | null;
  timer?: NodeJS.Timeout;
  lastError?: string;
  /** Container ids that are upstreams in the config Caddy runs since the last successful sync. */
  routed?: Set<string>;
};
declare global {
  var wharfEdgeSync: Queue | undefined;
}
const queue = (): Queue => (globalThis.wharfEdgeSync ??= { tail: Promise.resolve(), waiting: null });

async function syncOnce(env: EdgeEnv, q: Queue): Promise<boolean> {
  const routed = new Set<string>();
  const routes = await desiredRoutes(env, routed);
  countRoutes(routes);
  const want = caddyConfig(routes, env, await pendingChallenges());
  const same = (await currentConfig(env.adminUrl)) === canonicalJson(want);
  if (!same) await loadConfig(env.adminUrl, want);
  q.routed = routed;
  return !same;
}

/** Whether the replica is an upstream in what Caddy runs (as of the last successful sync of this process). */
export const isRouted = (containerId: string) => queue().routed?.has(containerId) ?? false;

/** Brings Caddy in line with Wharf's state now; resolves once done (a no-op when no edge proxy is configured). */
export function syncEdge(): Promise<void> {
  const env = edgeEnv();
  if (!env) return Promise.resolve();
  const q = queue();
  if (q.waiting) return q.waiting;
  const run = q.tail.then(async () => {
    q.waiting = null;
    try {
      await syncOnce(env, q);
      q.lastError = undefined;
    } catch (err) {
      // Said once per distinct failure: the loop retries every few seconds.
      const text = errorText(err);
      if (q.lastError !== text) console.error(`[wharf] edge proxy sync failed (will retry): ${text}`);
      q.lastError = text;
      throw err;
    }
  });
  q.waiting = run;
  q.tail = run.catch(() => undefined);
  return run;
}

/** The same, for callers that must not fail because the proxy is away (the loop will catch up). */
export const requestEdgeSync = () => syncEdge().catch(() => undefined);

/** Start-up hook: sync now and every WHARF_EDGE_SYNC_MS (default 5 s), which also repairs a restarted Caddy. */
export function startEdgeSync(): void {
  const env = edgeEnv();
  const q = queue();
  if (!env || q.timer) return;
  startTrafficReader(env.accessLog);
  void requestEdgeSync();
  q.timer = setInterval(() => void requestEdgeSync(), env.syncMs);
  q.timer.unref();
}
