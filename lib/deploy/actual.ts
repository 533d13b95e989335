import "server-only";
import { listAppContainers, type AppContainer } from "@/lib/docker/deploy-containers";
import { SERVICE_LABEL } from "@/lib/docker/labels";
import { listAppNetworks } from "@/lib/docker/networks";
import {
  listAppServices,
  listNodeNames,
  listServiceTasks,
  type SwarmService,
  type SwarmTask,
} from "@/lib/docker/services";
import { listAppVolumes } from "@/lib/docker/volumes";
import { appNamePrefix, HASH_LABEL, OBJECT_LABEL, serviceName } from "./engine-spec";
import type { ActualState, AppTarget } from "./types";
import type Docker from "dockerode";

/** The object name inside the app: what follows "wharf_<tenant>_<project>_<app>_". */
const objectName = (t: AppTarget, full: string) => {
  const prefix = `wharf_${t.tenantSlug}_${t.projectSlug}_${t.appName}_`;
  return full.startsWith(prefix) ? full.slice(prefix.length) : full;
};

export type EngineSnapshot = {
  state: ActualState;
  containers: AppContainer[];
  services: SwarmService[];
  tasks: Record<string, SwarmTask[]>;
  /** Swarm node id → hostname, to say where each task runs. */
  nodes: Record<string, string>;
};

/**
 * The app's Swarm services: its label AND the name Wharf gives the service. Names are unique in a Swarm, so a service
 * made outside Wharf with this app's labels copied (anyone with the engine can write labels) is neither updated,
 * scaled, stopped nor removed as the app's.
 */
export async function appServices(docker: Docker, t: AppTarget) {
  return (await listAppServices(docker, t.appId)).filter(
    (s) => s.name === serviceName(t, s.labels[SERVICE_LABEL] ?? objectName(t, s.name)),
  );
}

/** What the engine runs for this app, found by the server-stamped wharf.app label. */
export async function readActual(docker: Docker, t: AppTarget): Promise<EngineSnapshot> {
  const [containers, networks, volumes, services, nodes] = await Promise.all([
    t.mode === "standalone"
      ? listAppContainers(docker, t.appId, { legacyPrefix: appNamePrefix(t) })
      : Promise.resolve([]),
    listAppNetworks(docker, t.appId),
    listAppVolumes(docker, t.appId),
    t.mode === "swarm" ? appServices(docker, t) : Promise.resolve([]),
    t.mode === "swarm" ? listNodeNames(docker) : Promise.resolve({}),
  ]);
  const state: ActualState = { services: {}, networks: {}, volumes: {} };
  for (const c of containers) {
    const s = (state.services[c.service] ??= {
      name: c.service,
      hashes: [],
      desired: 0,
      running: 0,
      replicas: [],
    });
    s.replicas.push({
      id: c.id,
      name: c.name,
      index: c.index,
      hash: c.hash,
      imageId: c.imageId,
      state: c.state,
      running: c.running,
      health: c.health,
      revision: c.revision,
    });
    if (!s.hashes.includes(c.hash)) s.hashes.push(c.hash);
    s.desired += 1;
    if (c.running) s.running += 1;
  }
  for (const s of Object.values(state.services)) s.replicas.sort((a, b) => a.index - b.index);
  const tasks: Record<string, SwarmTask[]> = {};
  await Promise.all(
    services.map(async (svc) => {
      const name = svc.labels[SERVICE_LABEL] ?? objectName(t, svc.name);
      const list = await listServiceTasks(docker, svc.id);
      tasks[name] = list;
      state.services[name] = {
        name,
        serviceId: svc.id,
        hashes: [svc.labels[HASH_LABEL] ?? ""],
        // A global service's desired count is what the orchestrator assigned: one task per eligible node.
        desired: svc.spec.Mode?.Global
          ? list.filter((k) => k.desiredState === "running").length
          : (svc.spec.Mode?.Replicated?.Replicas ?? 0),
        running: list.filter((k) => k.state === "running" && k.desiredState === "running").length,
        replicas: [],
      };
    }),
  );
  for (const n of networks)
    state.networks[n.labels[OBJECT_LABEL] ?? objectName(t, n.name)] = {
      id: n.id,
      hash: n.labels[HASH_LABEL] ?? "",
    };
  for (const v of volumes) state.volumes[v.labels[OBJECT_LABEL] ?? objectName(t, v.name)] = { name: v.name };
  return { state, containers, services, tasks, nodes };
}
