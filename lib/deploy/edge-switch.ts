import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { conflict, errorText } from "@/lib/api/errors";
import {
  listAppContainers,
  removeContainer,
  renameContainer,
  restartContainer,
  stopContainer,
} from "@/lib/docker/deploy-containers";
import { forgetAccepted } from "@/lib/edge/accepts";
import { DRAINING, readyReplicas, routedServices } from "@/lib/edge/routes";
import { edgeEnv } from "@/lib/edge/settings";
import { isRouted, syncEdge } from "@/lib/edge/sync";
import { DeployError } from "./errors";
import { drainName, lifecycleDrainName } from "./rolling-restart";
import type { Progress } from "./types";
import type Docker from "dockerode";

// Zero-downtime switches for services with a routed domain (docs/edge.md). The new replicas start next to the
// old ones (routed services publish no fixed host port), and the deploy goes on only once the edge proxy routes
// every new one (lib/edge/routes.ts takes a replica when its health check passes, or, without one, when its port
// accepts). Then the old ones drain: renamed `…_drain_<revision>`, which takes them out of the routes, left
// running WHARF_EDGE_DRAIN_MS so in-flight requests finish, and only then stopped and removed. A deploy that fails
// before the switch leaves the old replicas routed and running.

/** How long new replicas may take to be routed after they came up (their port accepting, say). */
export const ROUTE_READY_MS = 30_000;
const POLL_MS = 250;

export { isRouted };

export type Replica = { id: string; name: string; service: string };

/** WHARF_EDGE_DRAIN_MS (default 5 s, at most 5 min): how long a replica out of the routes keeps running. */
export function drainMs(): number {
  const raw = process.env.WHARF_EDGE_DRAIN_MS?.trim();
  const n = raw ? Number(raw) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 300_000) : 5000;
}

/** The app's services that have a routed domain on this machine's edge proxy (none without one). */
export const routedServicesOf = (appId: string) => routedServices(appId, edgeEnv());

/**
 * Holds the deploy until the edge proxy routes every one of `replicas` (of app `appId`). Between polls it computes
 * only this app's upstreams (readyReplicas); a full sync, which computes every route and loads Caddy, runs only once
 * they are all ready. A proxy that cannot be reached has nothing to switch (its loop catches up later). Throws past
 * the deadline: the caller puts the old ones back.
 */
export async function holdUntilRouted(
  appId: string,
  replicas: Replica[],
  progress: Progress,
  /** What the error says of a replica not routed in time (and of the others: a deploy's previous ones serve). */
  late = "was not routed",
  others = "the previous replicas keep serving",
): Promise<void> {
  const env = edgeEnv();
  if (replicas.length === 0 || !env) return;
  const deadline = Date.now() + ROUTE_READY_MS;
  for (;;) {
    let waiting: Replica[];
    try {
      const ready = await readyReplicas(env, appId);
      waiting = replicas.filter((r) => !ready.has(r.id));
      if (waiting.length === 0) {
        await syncEdge();
        waiting = replicas.filter((r) => !isRouted(r.id));
      }
    } catch (err) {
      progress("healthy", `edge proxy not reachable (${errorText(err)}): switching without it`);
      return;
    }
    if (waiting.length === 0) break;
    if (Date.now() > deadline) {
      const r = waiting[0];
      throw new DeployError(
        `${r.service}: ${r.name} ${late} within ${ROUTE_READY_MS / 1000} s: its routed port did not accept connections (or its health check did not pass); ${others}`,
        r.service,
      );
    }
    await sleep(POLL_MS);
  }
  for (const service of new Set(replicas.map((r) => r.service)))
    progress("healthy", `${service}: the edge proxy routes the new replica(s)`, service);
}

/** Out of the routes first, a drain period for in-flight requests, then a graceful stop and removal. */
export async function drainAndRemove(
  docker: Docker,
  slowDocker: Docker,
  replicas: Replica[],
  revision: number,
  progress: Progress,
): Promise<void> {
  if (replicas.length === 0) return;
  for (const r of replicas)
    if (!DRAINING.test(r.name))
      await renameContainer(docker, r.id, drainName(r.name, revision)).catch(() => undefined);
  await syncEdge().catch(() => undefined); // away: nothing routes to them through it anyway
  const ms = drainMs();
  progress("removing", `draining ${replicas.length} old replica(s) for ${ms / 1000} s, then stopping them`);
  await sleep(ms);
  await Promise.all(
    replicas.map(async (r) => {
      // The container's own stop_grace_period (the engine's 10 s without one).
      await stopContainer(slowDocker, r.id, {}).catch(() => undefined);
      await removeContainer(docker, r.id);
    }),
  );
}

/**
 * Before a standalone app's stop (lib/deploy/lifecycle.ts): its routed replicas leave the routes first and keep
 * running WHARF_EDGE_DRAIN_MS so requests in flight finish, as a deploy's old ones do (renamed `…_drain_0`, so every
 * instance's sync leaves them out). Returns what gives them their names back once they have stopped (a start finds
 * only the declared names; after a crash in between, the start gives them back). `only`: one service.
 */
export async function drainBeforeStop(
  docker: Docker,
  appId: string,
  only?: string,
): Promise<() => Promise<void>> {
  const services = await routedServicesOf(appId);
  const replicas =
    services.size === 0
      ? []
      : (await listAppContainers(docker, appId)).filter(
          (c) =>
            c.running && services.has(c.service) && (!only || c.service === only) && !DRAINING.test(c.name),
        );
  const renamed: { id: string; name: string }[] = [];
  for (const r of replicas)
    await renameContainer(docker, r.id, lifecycleDrainName(r.name)).then(
      () => renamed.push(r),
      () => undefined,
    );
  if (renamed.length > 0) {
    await syncEdge().catch(() => undefined); // away: nothing routes to them through it anyway
    await sleep(drainMs());
  }
  return async () => {
    for (const r of renamed) await renameContainer(docker, r.id, r.name).catch(() => undefined);
  };
}

/**
 * One replica of a rolling restart (lib/deploy/lifecycle.ts, docs/edge.md "Stop and restart"): out of the routes
 * under its drain name (`…_drain_0`, as a stop's), WHARF_EDGE_DRAIN_MS for requests in flight, restarted, its own
 * name back, and held until the edge routes it again (its port accepts from the edge, or its health check passes),
 * as a deploy's new replica. Only then does the caller take the next one. A Wharf that dies in between leaves the
 * drain name: the next start, restart or crash-healing sweep gives it back (lib/deploy/recover.ts).
 */
export async function rollReplica(docker: Docker, appId: string, r: Replica): Promise<void> {
  await renameContainer(docker, r.id, lifecycleDrainName(r.name));
  try {
    await syncEdge().catch(() => undefined); // away: nothing routes to it through it anyway
    await sleep(drainMs());
    await restartContainer(docker, r.id);
    // It accepted before its restart: probed afresh, so it rejoins only once it accepts again.
    forgetAccepted(r.id);
  } finally {
    await renameContainer(docker, r.id, r.name).catch(() => undefined);
  }
  try {
    await holdUntilRouted(
      appId,
      [r],
      () => undefined,
      "restarted but was not routed again",
      "the replicas not restarted yet keep serving",
    );
  } catch (err) {
    if (!(err instanceof DeployError)) throw err;
    // 409 naming the service: the restart stopped there, and nothing is left half-named.
    throw conflict(err.message, { [`services.${r.service}`]: "not routed again after its restart" });
  }
}
