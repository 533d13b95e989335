import "server-only";
import { engineStatus, isNotFound, nullIfNotFound } from "@/lib/docker/engine-error";
import {
  APP_LABEL,
  HASH_LABEL,
  OWNER_LABEL,
  REPLICA_LABEL,
  REVISION_LABEL,
  SERVICE_LABEL,
} from "@/lib/docker/labels";
import { containerOwner } from "@/lib/docker/owned-labels";
import { engineStream } from "@/lib/docker/streams";
import type Docker from "dockerode";

export type AppContainer = {
  id: string;
  name: string;
  service: string;
  index: number;
  hash: string;
  imageId: string;
  image: string;
  state: string;
  running: boolean;
  health: string | null;
  revision: number | null;
  ports: string[];
  memoryBytes: number;
  nanoCpus: number;
  swarmTask: boolean;
};

function toAppContainer(c: Docker.ContainerInfo, swarmTask: boolean): AppContainer {
  const health =
    /\((healthy|unhealthy|health: starting)\)/.exec(c.Status ?? "")?.[1]?.replace("health: ", "") ?? null;
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? "").replace(/^\//, ""),
    service: c.Labels[SERVICE_LABEL] ?? "",
    index: Number(c.Labels[REPLICA_LABEL] ?? 0),
    hash: c.Labels[HASH_LABEL] ?? "",
    imageId: c.ImageID,
    image: c.Image,
    state: c.State,
    running: c.State === "running",
    health,
    revision: c.Labels[REVISION_LABEL] ? Number(c.Labels[REVISION_LABEL]) : null,
    ports: (c.Ports ?? [])
      .filter((p) => p.PublicPort)
      .map((p) => `${p.PublicPort}→${p.PrivatePort}/${p.Type}`),
    memoryBytes: 0,
    nanoCpus: 0,
    swarmTask,
  };
}

/**
 * Every container of one app (running or not): those labelled wharf.app=<id> whose ownership proof holds for that
 * app (lib/docker/owner-proof.ts). A container that merely carries the label — a build step of a Dockerfile with
 * `LABEL wharf.app=…`, say — is not the app's. Task containers are told by their proof's kind, never by a
 * `com.docker.swarm.*` label, which an image could carry. `legacyPrefix` (the app's name prefix,
 * `wharf_<tenant>_<project>_<app>_`) also takes containers an older Wharf created before proofs existed: no proof
 * label at all, and a name only Wharf gives in this app (no tenant can choose a name). Their hash is blanked so the
 * next deploy replaces them with proved ones instead of failing on their names.
 */
export async function listAppContainers(
  docker: Docker,
  appId: string,
  opts: { swarmTasks?: boolean; legacyPrefix?: string } = {},
): Promise<AppContainer[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${APP_LABEL}=${appId}`] } });
  const out: AppContainer[] = [];
  for (const c of list) {
    const name = (c.Names?.[0] ?? "").replace(/^\//, "");
    const owner = containerOwner(name, c.Labels);
    const legacy =
      !owner && !!opts.legacyPrefix && !(OWNER_LABEL in c.Labels) && name.startsWith(opts.legacyPrefix);
    if (owner?.app !== appId && !legacy) continue;
    const task = owner ? owner.kind === "t" : LEGACY_TASK.test(name);
    if (task && !opts.swarmTasks) continue;
    const container = toAppContainer(c, task);
    out.push(legacy ? { ...container, hash: "" } : container);
  }
  return out;
}

const LEGACY_TASK = /\.[^.]+\.[a-z0-9]{25}$/; // <service>.<slot>.<task id>

/** `body` is an engine ContainerCreate request (built by lib/deploy/engine-spec.ts). */
export async function createContainer(docker: Docker, body: object): Promise<string> {
  // A cast, not the parameter's type: dockerode's MountSettings wants a Source, which a tmpfs mount has not.
  return (await docker.createContainer(body as Docker.ContainerCreateOptions)).id;
}

/** Extracts a tar archive at `path` in a (created, not yet started) container: PUT /containers/{id}/archive. */
export async function putArchive(docker: Docker, id: string, archive: Buffer, path = "/"): Promise<void> {
  await docker.getContainer(id).putArchive(archive, { path });
}

export async function startContainer(docker: Docker, id: string): Promise<void> {
  await docker.getContainer(id).start();
}

/** Stops (grace 10 s; `{}`: the container's own stop_grace_period, else the engine's 10 s); already stopped is fine. */
export async function stopContainer(
  docker: Docker,
  id: string,
  opts: { t?: number } = { t: 10 },
): Promise<void> {
  try {
    await docker.getContainer(id).stop(opts);
  } catch (err) {
    if (engineStatus(err) !== 304 && !isNotFound(err)) throw err;
  }
}

/** Restarts, stopping with the container's own stop_grace_period (else the engine's 10 s), as a drain's stop does. */
export async function restartContainer(docker: Docker, id: string): Promise<void> {
  await docker.getContainer(id).restart({});
}

/** Removes with its anonymous volumes (named volumes are kept). Gone already is fine. */
export async function removeContainer(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true, v: true });
  } catch (err) {
    if (!isNotFound(err) && engineStatus(err) !== 409) throw err;
  }
}

export async function renameContainer(docker: Docker, id: string, name: string): Promise<void> {
  await docker.getContainer(id).rename({ name });
}

export async function connectContainer(
  docker: Docker,
  networkId: string,
  containerId: string,
  aliases: string[],
  endpoint: object = {},
): Promise<void> {
  await docker
    .getNetwork(networkId)
    .connect({ Container: containerId, EndpointConfig: { ...endpoint, Aliases: aliases } });
}

export type ContainerHealth = {
  status: string;
  running: boolean;
  exitCode: number;
  error: string;
  restartCount: number;
  health: string | null;
  lastHealthOutput: string;
};

export async function readContainerHealth(docker: Docker, id: string): Promise<ContainerHealth> {
  const info = await docker.getContainer(id).inspect();
  const log = info.State.Health?.Log ?? [];
  return {
    status: info.State.Status,
    running: info.State.Running,
    exitCode: info.State.ExitCode,
    error: info.State.Error ?? "",
    restartCount: info.RestartCount ?? 0,
    health: info.State.Health?.Status ?? null,
    lastHealthOutput: (log[log.length - 1]?.Output ?? "").trim().slice(0, 500),
  };
}

/** The image id a tag resolves to on this engine, or null when the engine does not have it. */
export async function localImageId(docker: Docker, ref: string): Promise<string | null> {
  return (await nullIfNotFound(docker.getImage(ref).inspect()))?.Id ?? null;
}

/** The image's id and registry digests (what a Swarm service may be pinned to), or null when the engine lacks it. */
export async function imageContent(
  docker: Docker,
  ref: string,
): Promise<{ id: string; repoDigests: string[] } | null> {
  const info = await nullIfNotFound(docker.getImage(ref).inspect());
  return info && { id: info.Id, repoDigests: info.RepoDigests ?? [] };
}

/** The labels an image carries (a container run from it inherits them), or none when the engine lacks it. */
export async function imageLabels(docker: Docker, ref: string): Promise<Record<string, string>> {
  return (await nullIfNotFound(docker.getImage(ref).inspect()))?.Config?.Labels ?? {};
}

/** Pulls an image, reporting the engine's status lines; fails with the engine's message. */
export async function pullImage(
  docker: Docker,
  ref: string,
  onStatus: (line: string) => void,
  timeoutMs = 120_000,
): Promise<void> {
  const stream = engineStream(await docker.pull(ref));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new Error(`pull of ${ref} timed out after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    docker.modem.followProgress(
      stream,
      (err: Error | null, output: { error?: string }[]) => {
        clearTimeout(timer);
        const failed = output?.find((o) => o.error);
        if (err || failed) reject(err ?? new Error(failed!.error));
        else resolve();
      },
      (e: { status?: string; id?: string }) => e.status && !e.id && onStatus(e.status),
    );
  });
}
