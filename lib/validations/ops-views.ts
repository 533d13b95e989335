/**
 * Views of the operations API: a container's page, a host's engine resources (images, volumes, networks, disk use,
 * events), the Swarm and the cluster health. The engine mappers (lib/docker, lib/ops) return these types, the OpenAPI
 * document describes them and the browser reads them: one shape, written once. No server imports here.
 */
import { z } from "zod";

const Labels = z.record(z.string(), z.string());

/** The container page: mapped from the engine's inspect JSON (env values that look secret are masked). */
export const ContainerDetailView = z.object({
  id: z.string(),
  name: z.string(),
  hostId: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.array(z.string()),
  createdAt: z.string(),
  tty: z.boolean(),
  state: z.object({
    status: z.string(),
    running: z.boolean(),
    paused: z.boolean(),
    restarting: z.boolean(),
    oomKilled: z.boolean(),
    exitCode: z.number(),
    error: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    health: z.object({ status: z.string(), failingStreak: z.number(), lastOutput: z.string() }).nullable(),
  }),
  restartCount: z.number(),
  restartPolicy: z.string(),
  env: z.array(z.string()),
  ports: z.array(z.object({ container: z.string(), hostIp: z.string(), hostPort: z.string() })),
  mounts: z.array(
    z.object({
      type: z.string(),
      source: z.string(),
      destination: z.string(),
      mode: z.string(),
      rw: z.boolean(),
    }),
  ),
  networks: z.array(z.object({ name: z.string(), ipAddress: z.string(), aliases: z.array(z.string()) })),
  labels: Labels,
  memoryLimitBytes: z.number(),
  nanoCpus: z.number(),
  /** The engine's inspect JSON, masked like `env`. */
  raw: z.unknown(),
  tenantId: z.string().nullable(),
  /** The Wharf app it belongs to (proven labels), for the link back to the app page. */
  appId: z.string().nullable(),
  can: z.object({ operate: z.boolean(), exec: z.boolean() }),
});
export type ContainerDetailView = z.infer<typeof ContainerDetailView>;
/** What the engine alone tells (lib/ops/container-view.ts); the service adds ownership and the caller's rights. */
export type ContainerInspectView = Omit<ContainerDetailView, "tenantId" | "appId" | "can">;

export const ImageView = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  sizeBytes: z.number(),
  /** What removing it alone frees: its size less the layers other images share (`docker system df -v`). */
  uniqueBytes: z.number(),
  createdAt: z.string(),
  containers: z.array(z.object({ id: z.string(), name: z.string(), state: z.string() })),
  dangling: z.boolean(),
});
export type ImageView = z.infer<typeof ImageView>;

export const ImagePruneView = z.object({ deleted: z.array(z.string()), spaceReclaimedBytes: z.number() });
export type ImagePruneView = z.infer<typeof ImagePruneView>;

export const VolumeView = z.object({
  name: z.string(),
  driver: z.string(),
  mountpoint: z.string(),
  createdAt: z.string().nullable(),
  labels: Labels,
  containers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type VolumeView = z.infer<typeof VolumeView>;

export const NetworkView = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  subnets: z.array(z.string()),
  internal: z.boolean(),
  labels: Labels,
  /** Running containers attached. */
  containers: z.number(),
  /** Their ids (what a tenant's view of the host's networks is decided by). */
  containerIds: z.array(z.string()),
});
export type NetworkView = z.infer<typeof NetworkView>;

const DiskUsagePart = z.object({
  count: z.number(),
  active: z.number(),
  sizeBytes: z.number(),
  reclaimableBytes: z.number(),
});
/** `/system/df`, summed the way `docker system df` shows it. */
export const DiskUsageView = z.object({
  images: DiskUsagePart,
  containers: DiskUsagePart,
  volumes: DiskUsagePart,
  buildCache: DiskUsagePart,
});
export type DiskUsageView = z.infer<typeof DiskUsageView>;

/** One engine event as the console shows it (`attributes` are the engine's, e.g. `exitCode`). */
export const EngineEventView = z.object({
  time: z.string(),
  type: z.string(),
  action: z.string(),
  id: z.string(),
  name: z.string(),
  attributes: Labels,
});
export type EngineEventView = z.infer<typeof EngineEventView>;

export const SwarmNodeView = z.object({
  id: z.string(),
  hostname: z.string(),
  role: z.string(),
  availability: z.string(),
  status: z.string(),
  address: z.string(),
  leader: z.boolean(),
  managerReachability: z.string().nullable(),
  engineVersion: z.string(),
  nanoCpus: z.number(),
  memoryBytes: z.number(),
  labels: Labels,
  tasksRunning: z.number(),
});
export type SwarmNodeView = z.infer<typeof SwarmNodeView>;

export const SwarmTaskView = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  slot: z.number().nullable(),
  nodeId: z.string(),
  state: z.string(),
  desiredState: z.string(),
  message: z.string(),
  error: z.string(),
  updatedAt: z.string(),
});
export type SwarmTaskView = z.infer<typeof SwarmTaskView>;

/** The nodes as the manager `hostId` sees them; all null/empty when no host manages a Swarm. */
export const SwarmNodesView = z.object({
  hostId: z.string().nullable(),
  hostName: z.string().nullable(),
  items: z.array(SwarmNodeView),
});
export type SwarmNodesView = z.infer<typeof SwarmNodesView>;

export const SwarmNodeDetailView = z.object({
  hostId: z.string(),
  node: SwarmNodeView,
  tasks: z.array(SwarmTaskView),
});
export type SwarmNodeDetailView = z.infer<typeof SwarmNodeDetailView>;

const HostRef = { hostId: z.string(), hostName: z.string() };
const ContainerUsage = z.object({
  ...HostRef,
  id: z.string(),
  name: z.string(),
  cpuPercent: z.number().nullable(),
  memoryBytes: z.number(),
  memoryLimitBytes: z.number(),
});
export type ContainerUsageView = z.infer<typeof ContainerUsage>;
const HostHealth = z.discriminatedUnion("up", [
  z.object({ id: z.string(), name: z.string(), up: z.literal(false), error: z.string() }),
  z.object({
    id: z.string(),
    name: z.string(),
    up: z.literal(true),
    version: z.string(),
    ncpu: z.number(),
    memTotalBytes: z.number(),
    containers: z.number(),
    running: z.number(),
    /** The share of all the host's cores (docker stats counts 100 % per core). */
    cpuPercent: z.number(),
    memoryUsedBytes: z.number(),
    memoryPercent: z.number(),
  }),
]);
const TroubledContainer = z.object({
  ...HostRef,
  id: z.string(),
  name: z.string(),
  state: z.string(),
  status: z.string(),
  reason: z.enum(["restarting", "dead", "unhealthy"]),
});
export type TroubledContainerView = z.infer<typeof TroubledContainer>;
const StreamListeners = z.array(z.object({ key: z.string(), listeners: z.number() }));

/** The figures, computed at most every 5 s and dated by `at`; `streams` is live. */
export const ClusterFiguresView = z.object({
  at: z.string(),
  totals: z.object({
    hostsUp: z.number(),
    hostsDown: z.number(),
    cpus: z.number(),
    memTotalBytes: z.number(),
    memoryUsedBytes: z.number(),
    cpuPercent: z.number(),
    memoryPercent: z.number(),
    containersRunning: z.number(),
  }),
  hosts: z.array(HostHealth),
  topCpu: z.array(ContainerUsage),
  topMemory: z.array(ContainerUsage),
  troubled: z.array(TroubledContainer),
  // Failures are not here: they come from the stored events (GET /events, lib/validations/fleet-events.ts).
});
export type ClusterFiguresView = z.infer<typeof ClusterFiguresView>;
export const ClusterHealthView = ClusterFiguresView.extend({
  /** The engine log/stats streams open now and how many viewers share each. */
  streams: z.object({
    logs: StreamListeners,
    stats: StreamListeners,
    opened: z.object({ logs: z.number(), stats: z.number() }),
  }),
});
export type ClusterHealthView = z.infer<typeof ClusterHealthView>;
