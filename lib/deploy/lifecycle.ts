import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
// Stop, start, restart and remove a whole app. Standalone: its containers, in depends_on order
// (reverse for stopping); a routed service's replicas drain before a stop and restart one at a time
// (docs/edge.md "Stop and restart"). Swarm: stop = 0 replicas, start = the current revision's replicas,
// restart = a forced rolling update (start-first when routed), both followed by the edge when routed.
import type { AppSpec } from "@/lib/compose/spec";
import {
  type AppContainer,
  listAppContainers,
  removeContainer,
  renameContainer,
  restartContainer,
  startContainer,
  stopContainer,
} from "@/lib/docker/deploy-containers";
import { engineStatus } from "@/lib/docker/engine-error";
import { SERVICE_LABEL } from "@/lib/docker/labels";
import { listAppNetworks, removeNetwork } from "@/lib/docker/networks";
import { inspectService, listServiceTasks, removeService, updateService } from "@/lib/docker/services";
import { listAppVolumes, removeVolume } from "@/lib/docker/volumes";
import type { LifecycleAction } from "@/lib/validations/app";
import { appServices } from "./actual";
import { drainBeforeStop, rollReplica, routedServicesOf } from "./edge-switch";
import { appNamePrefix, declaredReplicaNames, routedUpdateConfig } from "./engine-spec";
import { dependencyLevels } from "./order";
import { drainNamesBack, restartLevel } from "./rolling-restart";
import { retry } from "./swarm";
import { followingEdge, swarmSettled } from "./swarm-edge";
import { pruneSwarmFiles } from "./swarm-files";
import type { AppTarget } from "./types";
import type Docker from "dockerode";

/**
 * A stop's or a rolling restart's drain names a replica `…_drain_0` until it is done with it; a crash in between
 * leaves that name (the replica out of the routes, and a start would find none of the declared replicas). Such a
 * replica of a declared name that no container holds gets it back (rolling-restart.ts drainNamesBack).
 */
async function withStopDrainUndone(docker: Docker, containers: AppContainer[], declared: Set<string>) {
  const back = new Map(drainNamesBack(containers, declared).map((c) => [c.id, c.name]));
  return Promise.all(
    containers.map(async (c) => {
      const own = back.get(c.id);
      if (own === undefined) return c;
      await renameContainer(docker, c.id, own);
      return { ...c, name: own };
    }),
  );
}

/** What a crashed stop or restart left under drain names gets its names back (lib/deploy/recover.ts). */
export async function undoLifecycleDrains(docker: Docker, t: AppTarget, spec: AppSpec): Promise<number> {
  const containers = await listAppContainers(docker, t.appId, { legacyPrefix: appNamePrefix(t) });
  const named = await withStopDrainUndone(docker, containers, declaredReplicaNames(t, spec));
  return named.filter((c, i) => c !== containers[i]).length; // a renamed one is a new object
}

async function byLevels(
  docker: Docker,
  t: AppTarget,
  spec: AppSpec | null,
  reverse: boolean,
  fn: (level: AppContainer[]) => Promise<unknown>,
  only?: string,
) {
  let containers = (await listAppContainers(docker, t.appId, { legacyPrefix: appNamePrefix(t) })).filter(
    (c) => !only || c.service === only,
  );
  // Only the replicas the current revision declares (and holds quota for) are started; stop reaches every one.
  if (!reverse) {
    const declared = spec ? declaredReplicaNames(t, spec) : new Set<string>();
    containers = await withStopDrainUndone(docker, containers, declared);
    containers = containers.filter((c) => declared.has(c.name));
  }
  const levels = spec ? dependencyLevels(spec) : [];
  const known = new Set(levels.flat());
  const ordered = [...levels, [...new Set(containers.map((c) => c.service))].filter((s) => !known.has(s))];
  for (const level of reverse ? ordered.reverse() : ordered) {
    await fn(containers.filter((c) => level.includes(c.service)));
  }
}

const STOPPED_CONSTRAINT = "node.labels.wharf.stopped == true";

export async function runLifecycle(
  docker: Docker,
  t: AppTarget,
  spec: AppSpec | null,
  action: LifecycleAction,
  /** One service of the app (its name in the spec); every service when absent. */
  only?: string,
): Promise<void> {
  if (t.mode === "standalone") {
    const each = (fn: (id: string) => Promise<void>) => (level: AppContainer[]) =>
      Promise.all(level.map((c) => fn(c.id)));
    if (action === "start")
      return byLevels(
        docker,
        t,
        spec,
        false,
        each((id) => startContainer(docker, id).catch(ignoreAlreadyStarted)),
        only,
      );
    if (action === "stop") {
      // Routed replicas leave the edge's routes and drain before they stop (lib/deploy/edge-switch.ts).
      const restoreNames = await drainBeforeStop(docker, t.appId, only);
      try {
        return await byLevels(
          docker,
          t,
          spec,
          true,
          each((id) => stopContainer(docker, id)),
          only,
        );
      } finally {
        await restoreNames();
      }
    }
    // A routed service with two replicas or more restarts them one at a time, each drained first and routed again
    // before the next; a lone routed replica restarts in place (nothing else could serve while it drains).
    const routed = await routedServicesOf(t.appId);
    return byLevels(
      docker,
      t,
      spec,
      false,
      (level) =>
        restartLevel(level, routed, {
          restart: (c) => restartContainer(docker, c.id),
          roll: (c) => rollReplica(docker, t.appId, c),
        }),
      only,
    );
  }
  const routed = await routedServicesOf(t.appId);
  for (const s of await appServices(docker, t)) {
    const cur = await inspectService(docker, s.id);
    const next = structuredClone(cur.spec);
    const service = cur.labels[SERVICE_LABEL];
    if (only && service !== only) continue;
    const svc = spec?.services[service];
    if (next.Mode?.Global) {
      // A global service has no replica count (and Swarm will not change a service's mode): a constraint no
      // node meets stops it, dropping that constraint starts it again.
      const p = ((next.TaskTemplate ??= {}).Placement ??= {});
      const others = (p.Constraints ?? []).filter((c: string) => c !== STOPPED_CONSTRAINT);
      p.Constraints = action === "stop" ? [...others, STOPPED_CONSTRAINT] : others;
    } else if (action === "stop") next.Mode = { Replicated: { Replicas: 0 } };
    else if (action === "start") next.Mode = { Replicated: { Replicas: svc?.replicas ?? 1 } };
    const force = (next.TaskTemplate?.ForceUpdate ?? 0) + 1;
    if (action === "restart") next.TaskTemplate = { ...next.TaskTemplate, ForceUpdate: force };
    if (!routed.has(service) || action === "start") {
      await updateService(docker, s.id, cur.version, next);
      continue;
    }
    // Routed (docs/edge.md "Stop and restart"): a restart starts each new task before its old one stops, as a
    // redeploy does (unless the file's update_config says otherwise); the edge follows the tasks every 250 ms while
    // Swarm works, so a stopping task leaves the routes before its SIGTERM, and the call returns once Swarm is done.
    const startFirst = action === "restart" && svc ? routedUpdateConfig(svc) : null;
    if (startFirst) next.UpdateConfig = startFirst;
    await followingEdge(true, async () => {
      await updateService(docker, s.id, cur.version, next);
      await swarmSettled(docker, s.id, action === "restart" ? force : null);
    });
  }
}

function ignoreAlreadyStarted(err: unknown) {
  if (engineStatus(err) !== 304) throw err;
}

/** Removes containers or services and networks; named volumes only when asked. */
export async function removeAppObjects(
  docker: Docker,
  t: AppTarget,
  withVolumes: boolean,
): Promise<{ containers: number; networks: number; volumes: number }> {
  let containers = 0;
  if (t.mode === "swarm") {
    const services = await appServices(docker, t);
    for (const s of services) {
      containers += (await listServiceTasks(docker, s.id)).filter((k) => k.state === "running").length;
      await removeService(docker, s.id);
    }
    // Task containers linger a moment after their service goes; networks and volumes wait for them.
    for (
      let i = 0;
      i < 60 &&
      (await listAppContainers(docker, t.appId, { swarmTasks: true, legacyPrefix: appNamePrefix(t) }))
        .length > 0;
      i++
    )
      await sleep(250);
  }
  // Secrets and configs, once no task holds them.
  if (t.mode === "swarm") await pruneSwarmFiles(docker, t.appId, null);
  for (const c of await listAppContainers(docker, t.appId, { legacyPrefix: appNamePrefix(t) })) {
    await removeContainer(docker, c.id);
    containers += 1;
  }
  const networks = await listAppNetworks(docker, t.appId);
  for (const n of networks) await retry(() => removeNetwork(docker, n.id), t.mode === "swarm" ? 40 : 3);
  let volumes = 0;
  if (withVolumes) {
    for (const v of await listAppVolumes(docker, t.appId)) {
      await retry(() => removeVolume(docker, v.name), t.mode === "swarm" ? 40 : 3);
      volumes += 1;
    }
  }
  return { containers, networks: networks.length, volumes };
}
