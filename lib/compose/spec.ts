// Wharf's normalized application spec: what a compose file becomes after
// parsing. Deployers and the admission policy only ever see this shape.
import { z } from "zod";
import { contextProblem, isFolderContext } from "./normalize-build";
import { reservedLabelMessage, reservedLabelPrefix } from "./reserved-labels";
import { FileObjectSchema, NetworkOptionsSchema, ServiceOptionsSchema } from "./spec-options";
import { REF_RE } from "../validations/build";
import {
  MAX_PORTS_PER_SERVICE,
  MAX_REPLICAS,
  MAX_SERVICES,
  COMPOSE_NAME_RE,
  RESTART_POLICIES,
} from "../validations/compose-limits";
import { DOMAIN_LIMITS, ServiceDomainSpec } from "../validations/domain";

const Name = z.string().regex(COMPOSE_NAME_RE);
const StringMap = z.record(z.string(), z.string());
/** User labels: every path (compose, JSON spec, admins too) ends here, so the reserved namespaces are refused here. */
const Labels = StringMap.superRefine((labels, ctx) => {
  for (const key of Object.keys(labels))
    if (reservedLabelPrefix(key))
      ctx.addIssue({ code: "custom", path: [key], message: reservedLabelMessage(key) });
});

export const ProtocolSchema = z.enum(["tcp", "udp", "sctp"]);

export const PortSchema = z.object({
  target: z.number().int().min(1).max(65535),
  published: z.number().int().min(1).max(65535).optional(),
  /** `6005-6015:80`: the last host port of a range; the engine binds one free port of the range per container. */
  publishedEnd: z.number().int().min(1).max(65535).optional(),
  protocol: ProtocolSchema,
  hostIp: z.string().optional(),
});

export const ExposeSchema = z.object({
  target: z.number().int().min(1).max(65535),
  protocol: ProtocolSchema,
});

/** npipe: a Windows named pipe; image: an image's files (Engine API 1.48+); cluster: a Swarm CSI volume. */
export const MOUNT_TYPES = ["volume", "bind", "tmpfs", "npipe", "image", "cluster"] as const;
export const VolumeMountSchema = z
  .object({
    type: z.enum(MOUNT_TYPES),
    /** Named volume (declared at top level), host path for binds and pipes, the image; absent for anonymous volumes and tmpfs. */
    source: z.string().optional(),
    /** A Linux path, or a Windows pipe path for npipe (normalize-fields.ts checks which). */
    target: z.string().min(1),
    readOnly: z.boolean(),
    tmpfsSizeBytes: z.number().int().positive().optional(),
    tmpfsMode: z.number().int().nonnegative().optional(),
    /** volume: do not copy the image's content into a new volume; subpath: mount a folder of the volume. */
    noCopy: z.boolean().optional(),
    subpath: z.string().optional(),
    /** bind: propagation (rprivate, shared…), SELinux relabel (z/Z); admins only, as binds are. */
    propagation: z.string().optional(),
    selinux: z.enum(["z", "Z"]).optional(),
    consistency: z.string().optional(),
  })
  .refine((m) => m.type === "npipe" || m.target.startsWith("/"), {
    path: ["target"],
    message: "must be an absolute path inside the container",
  });

export const DEPENDS_ON_CONDITIONS = [
  "service_started",
  "service_healthy",
  "service_completed_successfully",
] as const;
export const DependsOnSchema = z.object({
  condition: z.enum(DEPENDS_ON_CONDITIONS),
  /** Restart this service when the dependency is updated (compose `restart: true`). */
  restart: z.boolean().optional(),
  /** false: a missing or failing dependency only warns. */
  required: z.boolean().optional(),
});

export const HealthcheckSchema = z.union([
  z.object({ disabled: z.literal(true) }),
  z.object({
    /** Docker form: ["CMD", ...] or ["CMD-SHELL", "..."]; [] means "use the image's HEALTHCHECK test". */
    test: z.array(z.string()),
    intervalMs: z.number().nonnegative(),
    timeoutMs: z.number().nonnegative(),
    retries: z.number().int().nonnegative(),
    startPeriodMs: z.number().nonnegative(),
    startIntervalMs: z.number().nonnegative().optional(),
  }),
]);

export const UpdateConfigSchema = z.object({
  parallelism: z.number().int().nonnegative(),
  delayMs: z.number().nonnegative(),
  order: z.enum(["stop-first", "start-first"]),
  failureAction: z.enum(["continue", "rollback", "pause"]),
  /** How long each updated task is watched for failure (Swarm's default when absent: 5 s, Wharf's choice). */
  monitorMs: z.number().nonnegative().optional(),
  /** The share of tasks that may fail during an update before failure_action applies. */
  maxFailureRatio: z.number().min(0).max(1).optional(),
});

/** Swarm `deploy.placement`: scheduler constraints, spread preferences, a cap per node. */
export const SwarmPlacementSchema = z.object({
  constraints: z.array(z.string()),
  preferences: z.array(z.string()),
  maxReplicasPerNode: z.number().int().positive().optional(),
});

/** `build:` — a git repository to build the service's image from before each deploy (lib/services/app-builds.ts). */
export const BuildSpecSchema = z
  .object({
    /** git URL (https/ssh; file:// or an absolute path for admins only, checked at admission), or with `folder`, ./path. */
    context: z.string().min(1),
    /** The context is a folder of the app's repository or archive source (lib/compose/folder), built from its checkout. */
    folder: z.boolean().optional(),
    ref: z.string().regex(REF_RE, "must be a branch, tag or commit").optional(),
    dockerfile: z.string().min(1),
    args: StringMap,
    target: z.string().optional(),
  })
  .superRefine((b, ctx) => {
    const problem = b.folder
      ? isFolderContext(b.context)
        ? null
        : "must be ./<path> inside the app's folder"
      : contextProblem(b.context);
    if (problem) ctx.addIssue({ code: "custom", path: ["context"], message: problem });
  });

export const ServiceSpecSchema = ServiceOptionsSchema.extend({
  /** May be empty only when `build` is set: the deploy then uses the image it built. */
  image: z.string(),
  build: BuildSpecSchema.optional(),
  command: z.array(z.string()).optional(),
  entrypoint: z.array(z.string()).optional(),
  environment: StringMap,
  /** Environment names the developer marked secret (lib/secrets/model.ts; names and URL credentials count too). */
  secretEnv: z.array(z.string().max(256)).max(500).optional(),
  /** `x-wharf: {domains}`: routed through the edge proxy (lib/compose/wharf-domains.ts); not part of the container. */
  domains: z.array(ServiceDomainSpec).max(DOMAIN_LIMITS.perApp).optional(),
  ports: z.array(PortSchema).max(MAX_PORTS_PER_SERVICE),
  expose: z.array(ExposeSchema),
  volumes: z.array(VolumeMountSchema),
  /** Networks this service joins (names of top-level networks). */
  networks: z.array(Name),
  /** Extra DNS aliases per network. */
  networkAliases: z.record(z.string(), z.array(z.string())),
  dependsOn: z.record(Name, DependsOnSchema),
  healthcheck: HealthcheckSchema.optional(),
  restart: z.enum(RESTART_POLICIES),
  /** Only meaningful with restart "on-failure". */
  restartMaxRetries: z.number().int().nonnegative().optional(),
  /**
   * `deploy.restart_policy.condition: none` was written: Swarm's `none`. Without it a Swarm service restarts its
   * tasks (`any`) whatever `restart:` says, as `docker stack deploy` does; standalone containers follow `restart`.
   */
  swarmRestartNone: z.literal(true).optional(),
  labels: Labels,
  replicas: z.number().int().min(0).max(MAX_REPLICAS),
  /** Swarm only: "global" runs one task on every eligible node (replicas is then ignored). */
  mode: z.literal("global").optional(),
  placement: SwarmPlacementSchema.optional(),
  resources: z.object({
    memoryBytes: z.number().int().positive().optional(),
    nanoCpus: z.number().int().positive().optional(),
  }),
  updateConfig: UpdateConfigSchema.optional(),
  rollbackConfig: UpdateConfigSchema.optional(),
  extraHosts: z.array(z.string()).optional(),
  init: z.boolean().optional(),
  // Host-ish and privileged fields: carried through (not refused by the parser)
  // so the admission policy can see them and refuse them for non-admins.
  privileged: z.boolean().optional(),
  capAdd: z.array(z.string()).optional(),
  devices: z.array(z.string()).optional(),
  networkMode: z.string().optional(),
  pid: z.string().optional(),
  ipc: z.string().optional(),
  uts: z.string().optional(),
  cgroup: z.string().optional(),
  usernsMode: z.string().optional(),
  securityOpt: z.array(z.string()).optional(),
  sysctls: StringMap.optional(),
  volumesFrom: z.array(z.string()).optional(),
  cgroupParent: z.string().optional(),
  runtime: z.string().optional(),
  deviceCgroupRules: z.array(z.string()).optional(),
});

export const NetworkSpecSchema = NetworkOptionsSchema.extend({
  driver: z.string().optional(),
  internal: z.boolean().optional(),
  labels: Labels.optional(),
  attachable: z.boolean().optional(),
});

export const VolumeSpecSchema = z.object({
  driver: z.string().optional(),
  driverOpts: StringMap.optional(),
  labels: Labels.optional(),
  external: z.boolean().optional(),
  externalName: z.string().optional(),
});

export const AppSpecSchema = z.object({
  /** Top-level compose `name`, when given. */
  name: z.string().optional(),
  services: z
    .record(Name, ServiceSpecSchema)
    .superRefine((services, ctx) => {
      for (const [name, svc] of Object.entries(services)) {
        if (!svc.image && !svc.build)
          ctx.addIssue({
            code: "custom",
            path: [name, "image"],
            message: "image is required (or build: to build it from a git repository)",
          });
      }
    })
    .refine((s) => Object.keys(s).length <= MAX_SERVICES, `at most ${MAX_SERVICES} services are allowed`),
  networks: z.record(Name, NetworkSpecSchema),
  volumes: z.record(Name, VolumeSpecSchema),
  secrets: z.record(Name, FileObjectSchema).optional(),
  configs: z.record(Name, FileObjectSchema).optional(),
});

export type Protocol = z.infer<typeof ProtocolSchema>;
export type PortSpec = z.infer<typeof PortSchema>;
export type ExposeSpec = z.infer<typeof ExposeSchema>;
export type VolumeMount = z.infer<typeof VolumeMountSchema>;
export type DependsOnCondition = (typeof DEPENDS_ON_CONDITIONS)[number];
export type HealthcheckSpec = z.infer<typeof HealthcheckSchema>;
export type RestartPolicy = (typeof RESTART_POLICIES)[number];
export type UpdateConfig = z.infer<typeof UpdateConfigSchema>;
export type ServiceSpec = z.infer<typeof ServiceSpecSchema>;
export type SwarmPlacement = z.infer<typeof SwarmPlacementSchema>;
export type BuildSpec = z.infer<typeof BuildSpecSchema>;
export type NetworkSpec = z.infer<typeof NetworkSpecSchema>;
export type VolumeSpec = z.infer<typeof VolumeSpecSchema>;
export type AppSpec = z.infer<typeof AppSpecSchema>;
