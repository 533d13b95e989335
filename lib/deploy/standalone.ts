import "server-only";
import { errorText } from "@/lib/api/errors";
// Standalone executor. Strategy (docs/deploy.md): for each changed service, the old replicas are
// renamed out of the way and keep serving while the new ones start next to them; only a service
// that publishes fixed host ports stops its old replicas first (the port can be bound once). The
// new replicas must come up (healthy, or running steadily) before anything old is removed. Any
// failure undoes the whole deploy: new containers go, old ones get their names back and restart.
// A service with a routed domain also waits for the edge proxy to route its new replicas, and its
// old ones drain before they stop (lib/deploy/edge-switch.ts, docs/edge.md).
import type { AppSpec, ServiceSpec } from "@/lib/compose/spec";
import {
  connectContainer,
  createContainer,
  imageLabels,
  localImageId,
  putArchive,
  removeContainer,
  renameContainer,
  startContainer,
  stopContainer,
} from "@/lib/docker/deploy-containers";
import { engineMessage } from "@/lib/docker/engine-error";
import { createNetwork, removeNetwork } from "@/lib/docker/networks";
import { createVolume, removeVolume } from "@/lib/docker/volumes";
import { bridgeOptions } from "@/lib/egress/firewall";
import { recordTenantImage } from "@/lib/images/access";
import { drainAndRemove, holdUntilRouted, isRouted, routedServicesOf, type Replica } from "./edge-switch";
import { containerBody, extraNetworks, networkBody, volumeBody } from "./engine-spec";
import { DeployError } from "./errors";
import { filesArchive, serviceFiles } from "./file-archive";
import { networkHash, serviceHash } from "./hash";
import { dependencyLevels } from "./order";
import { pullForService } from "./pull";
import { waitDependency, waitReplicaReady } from "./verify";
import type { EngineSnapshot } from "./actual";
import type { FileContents } from "./app-files";
import type { ActualReplica, AppTarget, Plan, Progress } from "./types";
import type Docker from "dockerode";

/** `slowDocker` has no call timeout: pulls, and stops that wait out a container's grace period. */
export type ApplyArgs = {
  docker: Docker;
  slowDocker: Docker;
  target: AppTarget;
  desired: AppSpec;
  snapshot: EngineSnapshot;
  plan: Plan;
  revision: number;
  progress: Progress;
  /** Deployed by an admin (image checks do not apply). */
  admin: boolean;
  /** Contents of the app's compose secrets and configs (lib/deploy/app-files.ts). */
  files: FileContents;
};

type Journal = {
  networks: string[];
  volumes: string[];
  created: Replica[];
  moved: { id: string; name: string; stopped: boolean }[];
  /** Removed only once the whole deploy succeeded (drained first when routed). */
  retire: Replica[];
  /** Services with a routed domain (lib/deploy/edge-switch.ts). */
  routed: Set<string>;
};

/** Pulls what the host lacks, with the tenant's registry credentials (lib/deploy/pull.ts). */
export async function ensureImages(
  docker: Docker,
  slowDocker: Docker,
  target: Pick<AppTarget, "tenantId" | "hostId">,
  images: Map<string, string>,
  progress: Progress,
) {
  for (const [image, service] of images) {
    if (await localImageId(docker, image)) continue;
    await pullForService(slowDocker, target.tenantId, image, service, progress);
    // Pulled for this tenant (an admin's deploy, or a shared reference not yet on the host): now its own.
    const id = await localImageId(docker, image);
    if (id) await recordTenantImage(target.tenantId, target.hostId, id, image, "pull");
  }
}

export async function applyStandalone(a: ApplyArgs): Promise<void> {
  const { docker, target: t, desired, snapshot, plan, progress } = a;
  const j: Journal = {
    networks: [],
    volumes: [],
    created: [],
    moved: [],
    retire: [],
    routed: await routedServicesOf(t.appId),
  };
  const acting = plan.services.filter(
    (s) => s.action === "create" || s.action === "update" || (s.action === "scale" && s.to > s.from),
  );
  await ensureImages(
    docker,
    a.slowDocker,
    t,
    new Map(acting.map((s) => [desired.services[s.service].image, s.service])),
    progress,
  );
  try {
    const netIds: Record<string, string> = Object.fromEntries(
      Object.entries(snapshot.state.networks).map(([n, v]) => [n, v.id]),
    );
    for (const n of plan.networks.filter((x) => x.action === "create")) {
      progress("network", `creating network ${n.name}`);
      const body = networkBody(
        t,
        n.name,
        desired.networks[n.name],
        networkHash(desired.networks[n.name], t.mode),
      );
      // A bridge gets an interface name under Wharf's prefix, so the host firewall covers it from the start.
      netIds[n.name] = await createNetwork(
        docker,
        body.Driver === "bridge" ? { ...body, Options: bridgeOptions() } : body,
      );
      j.networks.push(netIds[n.name]);
    }
    for (const v of plan.volumes.filter((x) => x.action === "create")) {
      progress("volume", `creating volume ${v.name}`);
      const body = volumeBody(t, v.name, desired.volumes[v.name]);
      await createVolume(docker, body);
      j.volumes.push(body.Name);
    }
    // Replica ids each service has once this deploy is done (dependants wait on these).
    const live: Record<string, string[]> = {};
    for (const [name, s] of Object.entries(snapshot.state.services)) live[name] = s.replicas.map((r) => r.id);
    for (const level of dependencyLevels(desired)) {
      const results = await Promise.allSettled(level.map((name) => applyService(a, j, live, name)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
    }
    // The switch: nothing old goes before the proxy routes every new replica of a routed service.
    await holdUntilRouted(
      t.appId,
      j.created.filter((r) => j.routed.has(r.service)),
      progress,
    );
  } catch (err) {
    progress("rollback", `deploy failed — putting revision back: ${errorText(err)}`);
    await undo(a, j);
    throw err instanceof DeployError ? err : new DeployError(engineMessage(err));
  }
  // Success: retire what the new revision replaced or no longer has.
  for (const s of plan.services.filter((x) => x.action === "remove"))
    j.retire.push(...(snapshot.state.services[s.service]?.replicas ?? []).map((r) => replica(r, s.service)));
  const plain = j.retire.filter((r) => !j.routed.has(r.service));
  if (plain.length > 0) progress("removing", `removing ${plain.length} old container(s)`);
  await Promise.all([
    ...plain.map((r) => removeContainer(docker, r.id)),
    drainAndRemove(
      docker,
      a.slowDocker,
      j.retire.filter((r) => j.routed.has(r.service)),
      a.revision,
      progress,
    ),
  ]);
  for (const n of plan.networks.filter((x) => x.action === "remove")) {
    await removeNetwork(docker, snapshot.state.networks[n.name].id).catch((err) =>
      progress("removing", `network ${n.name} kept: ${engineMessage(err)}`),
    );
  }
}

async function applyService(
  a: ApplyArgs,
  j: Journal,
  live: Record<string, string[]>,
  name: string,
): Promise<void> {
  const { docker, target: t, desired, snapshot, plan, progress, revision } = a;
  const step = plan.services.find((s) => s.service === name)!;
  const svc = desired.services[name];
  const old = snapshot.state.services[name]?.replicas ?? [];
  if (step.action === "unchanged") return;
  for (const [dep, { condition }] of Object.entries(svc.dependsOn)) {
    if (svc.replicas > 0) await waitDependency(docker, name, dep, condition, live[dep] ?? []);
  }
  const hash = serviceHash(name, svc, t.mode);
  if (step.action === "scale") {
    const keep = old.filter((r) => r.index <= step.to);
    j.retire.push(...old.filter((r) => r.index > step.to).map((r) => replica(r, name)));
    const have = new Set(keep.map((r) => r.index));
    const add = range(step.to).filter((i) => !have.has(i));
    if (add.length > 0) progress("scaling", `${name}: ${step.from} → ${step.to} replicas`, name);
    live[name] = [...keep.map((r) => r.id), ...(await startReplicas(a, j, name, svc, hash, add))];
    return;
  }
  if (step.action === "update") await moveAside(a.slowDocker, j, old, svc, revision, progress, name);
  live[name] = await startReplicas(a, j, name, svc, hash, range(svc.replicas));
}

/** Renames the old replicas (they keep serving); stops them first only when fixed host ports must be freed. */
async function moveAside(
  docker: Docker,
  j: Journal,
  old: ActualReplica[],
  svc: ServiceSpec,
  revision: number,
  progress: Progress,
  name: string,
) {
  const stop = svc.ports.some((p) => p.published !== undefined);
  for (const r of old) {
    const aside = `${r.name}_prev_${revision}`;
    await renameContainer(docker, r.id, aside);
    j.moved.push({ id: r.id, name: r.name, stopped: false });
    j.retire.push({ id: r.id, name: aside, service: name });
    if (stop && r.running) {
      progress("starting", `stopping ${r.name} to free its host port`, name);
      await stopContainer(docker, r.id);
      j.moved[j.moved.length - 1].stopped = true;
    }
  }
}

async function startReplicas(
  a: ApplyArgs,
  j: Journal,
  name: string,
  svc: ServiceSpec,
  hash: string,
  indexes: number[],
): Promise<string[]> {
  const { docker, target: t, progress, revision } = a;
  const inherited = indexes.length > 0 ? await imageLabels(docker, svc.image) : {};
  const files = serviceFiles(svc, a.files);
  const archive = files.length > 0 ? await filesArchive(files) : null;
  return Promise.all(
    indexes.map(async (i) => {
      const body = containerBody(t, name, svc, i, hash, revision, inherited, a.desired);
      progress("creating", `creating ${body.name}`, name);
      let id: string;
      try {
        id = await createContainer(docker, body);
        j.created.push({ id, name: body.name, service: name });
        for (const n of extraNetworks(t, name, svc, a.desired.networks))
          await connectContainer(docker, n.network, id, n.aliases, n.endpoint);
        if (archive) {
          // Secrets and configs: written into the container before it starts (docs/compose.md).
          progress("creating", `${body.name}: copying ${files.map((f) => f.path).join(", ")}`, name);
          await putArchive(docker, id, archive);
        }
        progress("starting", `starting ${body.name}`, name);
        await startContainer(docker, id);
      } catch (err) {
        throw new DeployError(`${name}: ${body.name} could not start: ${engineMessage(err)}`, name);
      }
      await waitReplicaReady(docker, name, svc, id, body.name);
      progress(
        "healthy",
        `${body.name} is ${svc.healthcheck && !("disabled" in svc.healthcheck) ? "healthy" : "running"}`,
        name,
      );
      return id;
    }),
  );
}

async function undo(a: ApplyArgs, j: Journal) {
  const { docker } = a;
  // New replicas the proxy already routes drain like old ones; the others just go.
  const routed = j.created.filter((r) => j.routed.has(r.service) && isRouted(r.id));
  await Promise.all([
    ...j.created
      .filter((r) => !routed.includes(r))
      .map((r) => removeContainer(docker, r.id).catch(() => undefined)),
    drainAndRemove(docker, a.slowDocker, routed, a.revision, a.progress).catch(() => undefined),
  ]);
  for (const m of j.moved.reverse()) {
    await renameContainer(docker, m.id, m.name).catch(() => undefined);
    if (m.stopped) await startContainer(docker, m.id).catch(() => undefined);
  }
  for (const id of j.networks) await removeNetwork(docker, id).catch(() => undefined);
  for (const name of j.volumes) await removeVolume(docker, name).catch(() => undefined);
}

const replica = (r: ActualReplica, service: string): Replica => ({ id: r.id, name: r.name, service });

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
