import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { errorText } from "@/lib/api/errors";
// Swarm executor, the `docker stack deploy` model: overlay networks, one service per compose
// service. Unlike stack deploy it waits: services start in depends_on order and a service counts as
// deployed only when all its tasks of the new spec run (healthy, when it has a health check). On
// failure every service created is removed and every service updated gets its previous spec back.
import type { ServiceSpec } from "@/lib/compose/spec";
import { imageLabels } from "@/lib/docker/deploy-containers";
import { engineMessage } from "@/lib/docker/engine-error";
import { createNetwork, removeNetwork } from "@/lib/docker/networks";
import {
  createService,
  inspectService,
  listServiceTasks,
  removeService,
  updateService,
} from "@/lib/docker/services";
import { createVolume, removeVolume } from "@/lib/docker/volumes";
import { routedServicesOf } from "./edge-switch";
import { networkBody, routedUpdateConfig, serviceBody, volumeBody } from "./engine-spec";
import { DeployError } from "./errors";
import { networkHash, serviceHash } from "./hash";
import { pinSwarmImage } from "./image-access";
import { dependencyLevels } from "./order";
import { authForImage, scrub } from "./pull";
import { followingEdge } from "./swarm-edge";
import { describeTask, judgeFailures, stayedUp, type SteadyWatch } from "./swarm-failures";
import {
  containerFiles,
  ensureSwarmFiles,
  pruneSwarmFiles,
  undoSwarmFiles,
  type SwarmFileRefs,
} from "./swarm-files";
import { healthDeadlineMs } from "./verify";
import type { ApplyArgs } from "./standalone";
import type Docker from "dockerode";

type Journal = {
  networks: string[];
  volumes: string[];
  created: string[];
  updated: { id: string; spec: Docker.ServiceSpec }[];
  files: { kind: "secrets" | "configs"; id: string }[];
};
const BAD_UPDATE = new Set(["paused", "rollback_started", "rollback_paused", "rollback_completed"]);

export async function applySwarm(a: ApplyArgs): Promise<void> {
  const { docker, target: t, desired, snapshot, plan, progress } = a;
  const j: Journal = { networks: [], volumes: [], created: [], updated: [], files: [] };
  let files: SwarmFileRefs = { secrets: {}, configs: {} };
  try {
    for (const n of plan.networks.filter((x) => x.action === "create")) {
      progress("network", `creating overlay network ${n.name}`);
      j.networks.push(
        await createNetwork(
          docker,
          networkBody(t, n.name, desired.networks[n.name], networkHash(desired.networks[n.name], t.mode)),
        ),
      );
    }
    for (const v of plan.volumes.filter((x) => x.action === "create")) {
      progress("volume", `creating volume ${v.name}`);
      const body = volumeBody(t, v.name, desired.volumes[v.name]);
      await createVolume(docker, body);
      j.volumes.push(body.Name);
    }
    files = await ensureSwarmFiles(docker, t, desired, a.files, j.files);
    const routed = await routedServicesOf(t.appId);
    for (const level of dependencyLevels(desired)) {
      const results = await Promise.allSettled(
        level.map((name) => applyService(a, j, name, files, routed.has(name))),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
    }
  } catch (err) {
    progress("rollback", `deploy failed — putting the previous revision back: ${errorText(err)}`);
    await undo(docker, j);
    throw err instanceof DeployError ? err : new DeployError(engineMessage(err));
  }
  for (const s of plan.services.filter((x) => x.action === "remove")) {
    progress("removing", `removing service ${s.service}`, s.service);
    await removeService(docker, snapshot.state.services[s.service].serviceId!);
  }
  for (const n of plan.networks.filter((x) => x.action === "remove")) {
    await retry(() => removeNetwork(docker, snapshot.state.networks[n.name].id)).catch((err) =>
      progress("removing", `network ${n.name} kept: ${engineMessage(err)}`),
    );
  }
  // Secrets/configs of an older content or no longer used; one a lingering task still holds goes with the next deploy.
  const pruned = await pruneSwarmFiles(docker, t.appId, files);
  if (pruned > 0) progress("removing", `removed ${pruned} secret(s)/config(s) no longer used`);
}

async function applyService(
  a: ApplyArgs,
  j: Journal,
  name: string,
  files: SwarmFileRefs,
  routed: boolean,
): Promise<void> {
  const { docker, target: t, desired, plan, revision } = a;
  const step = plan.services.find((s) => s.service === name)!;
  if (step.action === "unchanged") return;
  const svc = desired.services[name];
  const hash = serviceHash(name, svc, t.mode);
  // The content checked on the manager, by digest or id: a worker's own image under the same name is never used.
  const image = await pinSwarmImage(
    { docker, tenantId: t.tenantId, hostId: t.hostId },
    svc.image,
    a.admin,
    name,
  );
  // When the manager lacks the image (nodes pull it), its labels are not known here and not overridden; nothing
  // Wharf scopes by reads them (lib/docker/owner-proof.ts).
  const body = serviceBody(
    t,
    name,
    { ...svc, image },
    hash,
    revision,
    await imageLabels(docker, image),
    a.desired,
  );
  Object.assign(body.TaskTemplate.ContainerSpec, containerFiles(svc, files));
  const startFirst = routed ? routedUpdateConfig(svc) : null;
  if (startFirst) Object.assign(body, { UpdateConfig: startFirst });
  // The tenant's credentials for the image's registry go with the request (X-Registry-Auth): nodes pull with them.
  const auth = await authForImage(t.tenantId, svc.image, name);
  await followingEdge(routed, () => updateAndWait(a, j, name, step, body, hash, auth));
}

async function updateAndWait(
  a: ApplyArgs,
  j: Journal,
  name: string,
  step: ApplyArgs["plan"]["services"][number],
  body: ReturnType<typeof serviceBody>,
  hash: string,
  auth: Awaited<ReturnType<typeof authForImage>>,
): Promise<void> {
  const { docker, desired, snapshot, progress } = a;
  const svc = desired.services[name];
  let id = snapshot.state.services[name]?.serviceId;
  try {
    if (!id) {
      progress(
        "creating",
        `creating service ${body.Name} (${svc.mode === "global" ? "global" : `${svc.replicas} replica(s)`})${auth ? ` with registry credentials for ${auth.serveraddress}` : ""}`,
        name,
      );
      id = await createService(docker, body, auth);
      j.created.push(id);
    } else {
      const cur = await inspectService(docker, id);
      j.updated.push({ id, spec: cur.spec });
      progress(
        step.action === "scale" ? "scaling" : "creating",
        step.action === "scale"
          ? `${name}: ${step.from} → ${step.to} replicas`
          : `updating service ${body.Name}`,
        name,
      );
      await updateService(docker, id, cur.version, body, auth);
    }
  } catch (err) {
    throw new DeployError(`${name}: the Swarm refused the service: ${scrub(engineMessage(err), auth)}`, name);
  }
  const tasks = svc.mode === "global" ? "one task per eligible node" : `${svc.replicas} task(s)`;
  progress("starting", `${name}: waiting for ${tasks}`, name);
  await waitConverged(docker, name, id, hash, svc, undefined, (m) => progress("starting", m, name));
  progress("healthy", `${name}: ${tasks} running`, name);
}

/**
 * Waits until exactly `replicas` tasks of the new spec run and none of the old. A failed task fails the deploy
 * only when Swarm will not replace it or keeps failing (swarm-failures.ts), or when Swarm itself paused or
 * rolled back the update (update_config's failure_action); otherwise Swarm's restart is waited for.
 */
export async function waitConverged(
  docker: Docker,
  name: string,
  id: string,
  hash: string,
  svc: ServiceSpec,
  deadlineMs?: number,
  onRetry?: (message: string) => void,
): Promise<void> {
  const global = svc.mode === "global";
  const budget = deadlineMs ?? healthDeadlineMs(svc) + 60_000 + (global ? 10 : svc.replicas) * 2_000;
  const deadline = Date.now() + budget;
  let steady: SteadyWatch = null; // the same tasks must keep running for a moment (stayedUp)
  let changedAt = 0; // the service's UpdatedAt right after our change (it moves again when Swarm pauses an update)
  let reported = "";
  for (;;) {
    const s = await inspectService(docker, id);
    changedAt ||= Date.parse(s.updatedAt) - 1000;
    const tasks = await listServiceTasks(docker, id);
    const mine = tasks.filter((k) => k.hash === hash);
    // Task history keeps failures of earlier attempts at the same spec: only tasks since this change count.
    const failures = judgeFailures(mine, svc, changedAt);
    const bad =
      s.updateState && BAD_UPDATE.has(s.updateState)
        ? ` (Swarm update ${s.updateState.replace("_", " ")})`
        : "";
    const final = failures.final ?? (bad && failures.latest ? { task: failures.latest, why: "" } : null);
    if (final)
      throw new DeployError(
        `${name}: ${describeTask(final.task)}${final.why ? ` (${final.why})` : ""}${bad}`,
        name,
      );
    if (bad) throw new DeployError(`${name}:${bad.slice(1, -1)}: ${s.updateMessage}`, name);
    if (failures.latest && failures.latest.id !== reported) {
      reported = failures.latest.id;
      onRetry?.(
        `${name}: ${describeTask(failures.latest)}; Swarm restarts it (attempt ${failures.attempts + 1})`,
      );
    }
    const running = mine.filter((k) => k.state === "running" && k.desiredState === "running").length;
    const oldRunning = tasks.filter(
      (k) => k.hash !== hash && k.state === "running" && k.desiredState === "running",
    ).length;
    // A global service wants one task per eligible node: as many as the orchestrator has assigned.
    const want = global ? mine.filter((k) => k.desiredState === "running").length : svc.replicas;
    if (running === want && oldRunning === 0 && !(global && want === 0)) {
      // A task without a health check is "running" the moment it starts: give it a moment to prove it stays up.
      if (svc.healthcheck || want === 0) return;
      const seen = stayedUp(
        steady,
        mine.filter((k) => k.state === "running" && k.desiredState === "running"),
        Date.now(),
      );
      if (seen.up) return;
      steady = seen.watch;
    } else steady = null;
    if (Date.now() > deadline) {
      const pending = mine.find((k) => k.state !== "running" && k.desiredState === "running");
      const why = pending ? ` — ${pending.state}: ${pending.error || pending.message}` : "";
      const last = failures.latest
        ? `; last failure: ${describeTask(failures.latest)} (${failures.attempts} attempt(s))`
        : "";
      throw new DeployError(
        `${name}: ${running}/${want} task(s) running after ${Math.round(budget / 1000)} s${why}${last}`,
        name,
      );
    }
    await sleep(400);
  }
}

async function undo(docker: Docker, j: Journal) {
  await Promise.all(j.created.map((id) => removeService(docker, id).catch(() => undefined)));
  for (const u of j.updated.reverse()) {
    try {
      const cur = await inspectService(docker, u.id);
      await updateService(docker, u.id, cur.version, u.spec);
    } catch {
      /* reported by the deploy error already; the app page shows what runs */
    }
  }
  for (const id of j.networks) await retry(() => removeNetwork(docker, id)).catch(() => undefined);
  for (const name of j.volumes) await retry(() => removeVolume(docker, name)).catch(() => undefined);
  await undoSwarmFiles(docker, j.files);
}

/** Swarm releases networks and volumes a few seconds after its tasks stop. */
export async function retry<T>(fn: () => Promise<T>, attempts = 40, delayMs = 500): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts) throw err;
      await sleep(delayMs);
    }
  }
}
