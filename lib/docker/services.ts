import "server-only";
import { z } from "zod";
import { nullIfNotFound } from "@/lib/docker/engine-error";
import { APP_LABEL, HASH_LABEL } from "@/lib/docker/labels";
import type { RegistryAuth } from "@/lib/docker/pull-auth";
import type Docker from "dockerode";

// Swarm services (the `docker stack deploy` model). Only managers answer these calls.

const CreatedService = z.object({ ID: z.string() });

const SwarmInfo = z.object({
  Swarm: z
    .object({
      LocalNodeState: z.string().nullish(),
      ControlAvailable: z.boolean().nullish(),
      Nodes: z.number().nullish(),
    })
    .nullish(),
});
const NodeNames = z.array(
  z.object({ ID: z.string(), Description: z.object({ Hostname: z.string().nullish() }).nullish() }),
);

export type SwarmState = { active: boolean; manager: boolean; nodes: number };

export async function readSwarmState(docker: Docker): Promise<SwarmState> {
  const info = SwarmInfo.parse(await docker.info());
  return {
    active: info.Swarm?.LocalNodeState === "active",
    manager: !!info.Swarm?.ControlAvailable,
    nodes: info.Swarm?.Nodes ?? 0,
  };
}

/** Node id → hostname (`docker node ls`), for saying where tasks run. */
export async function listNodeNames(docker: Docker): Promise<Record<string, string>> {
  const nodes = NodeNames.parse(await docker.listNodes());
  return Object.fromEntries(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID.slice(0, 12)]));
}

export type SwarmService = {
  id: string;
  name: string;
  version: number;
  labels: Record<string, string>;
  spec: Docker.ServiceSpec;
  previousSpec: Docker.ServiceSpec | null;
  updateState: string | null;
  updateMessage: string;
  updatedAt: string;
};

function toService(s: Docker.Service): SwarmService {
  return {
    id: s.ID,
    name: s.Spec?.Name ?? "",
    version: s.Version?.Index ?? 0,
    labels: s.Spec?.Labels ?? {},
    spec: s.Spec ?? {},
    previousSpec: s.PreviousSpec ?? null,
    updateState: s.UpdateStatus?.State ?? null,
    updateMessage: s.UpdateStatus?.Message ?? "",
    updatedAt: s.UpdatedAt ?? "",
  };
}

export async function listAppServices(docker: Docker, appId: string): Promise<SwarmService[]> {
  return (await docker.listServices({ filters: { label: [`${APP_LABEL}=${appId}`] } })).map(toService);
}

export async function inspectService(docker: Docker, id: string): Promise<SwarmService> {
  return toService(await docker.getService(id).inspect());
}

/** `auth` (the tenant's registry credentials) travels as X-Registry-Auth so every node can pull the image. */
export async function createService(
  docker: Docker,
  spec: Record<string, unknown>,
  auth?: RegistryAuth | null,
): Promise<string> {
  // Dialled directly (as dockerode does): its ServiceSpec type is narrower than the API (tmpfs mounts have no Source).
  const res = await new Promise<unknown>((resolve, reject) =>
    docker.modem.dial(
      {
        path: "/services/create",
        method: "POST",
        options: spec,
        ...(auth ? { authconfig: auth } : {}),
        statusCodes: { 200: true, 201: true, 500: "server error" },
      },
      (err, data) => (err ? reject(err) : resolve(data)),
    ),
  );
  return CreatedService.parse(res).ID;
}

/** Replaces the service's spec; `version` guards against concurrent updates (the engine refuses stale ones). */
export async function updateService(
  docker: Docker,
  id: string,
  version: number,
  spec: Docker.ServiceSpec | Record<string, unknown>,
  auth?: RegistryAuth | null,
): Promise<void> {
  await docker
    .getService(id)
    .update({ _query: { version }, _body: spec, ...(auth ? { authconfig: auth } : {}) });
}

export async function removeService(docker: Docker, id: string): Promise<void> {
  await nullIfNotFound(docker.getService(id).remove());
}

export type SwarmTask = {
  id: string;
  serviceId: string;
  hash: string;
  createdAt: string;
  state: string;
  desiredState: string;
  message: string;
  error: string;
  exitCode: number | null;
  containerId: string;
  nodeId: string;
  slot: number | null;
  /** The service's ForceUpdate when the task was made: a forced update's new tasks carry the new one. */
  forceUpdate: number;
};

export async function listServiceTasks(docker: Docker, serviceId: string): Promise<SwarmTask[]> {
  const tasks = await docker.listTasks({ filters: { service: [serviceId] } });
  return tasks.map((t) => ({
    id: t.ID,
    serviceId: t.ServiceID,
    createdAt: t.CreatedAt ?? "",
    hash: t.Spec?.ContainerSpec?.Labels?.[HASH_LABEL] ?? "",
    state: t.Status?.State ?? "",
    desiredState: t.DesiredState ?? "",
    message: t.Status?.Message ?? "",
    error: t.Status?.Err ?? "",
    exitCode: t.Status?.ContainerStatus?.ExitCode ?? null,
    containerId: t.Status?.ContainerStatus?.ContainerID ?? "",
    nodeId: t.NodeID ?? "",
    slot: t.Slot ?? null,
    forceUpdate: t.Spec?.ForceUpdate ?? 0,
  }));
}
