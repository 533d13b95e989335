// Request and response shapes for apps (deploy and scale), shared by the route handlers, the forms
// and the OpenAPI document. The AppSpec itself lives in lib/compose/spec.ts.
import { z } from "zod";
import { VariableList } from "@/lib/validations/app-variables";
import { GitSource } from "@/lib/validations/build";
import { Id, Slug } from "@/lib/validations/common";
import {
  COMPOSE_NAME_RE,
  MAX_COMPOSE_BYTES,
  MAX_REPLICAS,
  NAME_RE,
  RESTART_POLICIES,
} from "@/lib/validations/compose-limits";

export const APP_MODES = ["standalone", "swarm"] as const;
export const AppMode = z.enum(APP_MODES);
export type AppMode = z.infer<typeof AppMode>;
export const ObjectName = z
  .string()
  .regex(NAME_RE, "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit");
const Port = z.number().int().min(1, "must be 1–65535").max(65535, "must be 1–65535");
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The "from an image" form: one service, converted to the same AppSpec a compose file becomes. */
export const ImageAppInput = z.object({
  service: ObjectName.default("app"),
  image: z
    .string()
    .trim()
    .min(1, "is required")
    .max(255)
    .regex(/^[^\s]+$/, "must not contain spaces"),
  /** argv, e.g. ["httpd", "-f", "-p", "80"]; empty = the image's default. */
  command: z.array(z.string().max(4000)).max(100).optional(),
  env: z
    .record(z.string().regex(ENV_KEY, "environment names use letters, digits and _"), z.string().max(32_000))
    .default({}),
  /** env names to treat as secret (besides secret-looking names and URL credentials: lib/secrets/model.ts). */
  secretEnv: z
    .array(z.string().regex(ENV_KEY, "environment names use letters, digits and _"))
    .max(500)
    .default([]),
  ports: z
    .array(
      z.object({ target: Port, published: Port.optional(), protocol: z.enum(["tcp", "udp"]).default("tcp") }),
    )
    .max(50)
    .default([]),
  volumes: z
    .array(
      z.object({
        name: ObjectName,
        target: z.string().startsWith("/", "must be an absolute path in the container"),
        readOnly: z.boolean().default(false),
      }),
    )
    .max(20)
    .default([]),
  replicas: z.number().int().min(0).max(MAX_REPLICAS, `must be at most ${MAX_REPLICAS}`).default(1),
  restart: z.enum(RESTART_POLICIES).default("unless-stopped"),
  memoryMb: z.number().int().min(4, "must be at least 4 MiB").max(1_048_576).optional(),
  cpus: z.number().min(0.01, "must be at least 0.01").max(1024).optional(),
  healthcheck: z
    .object({
      command: z.string().trim().min(1, "is required").max(4000),
      intervalSeconds: z.number().min(1).max(3600).default(10),
      timeoutSeconds: z.number().min(1).max(3600).default(5),
      retries: z.number().int().min(1).max(100).default(3),
      startPeriodSeconds: z.number().min(0).max(3600).default(0),
    })
    .optional(),
});
export type ImageAppInput = z.infer<typeof ImageAppInput>;

/** A path inside the app's repository or archive (checked again on the checkout: lib/compose/folder/contained.ts). */
const FolderPath = z
  .string()
  .trim()
  .min(1, "is required")
  .max(500, "is too long")
  .regex(
    /^(?![/~])(?!.*(^|\/)\.\.(\/|$))[^\0\\:]+$/,
    "must be a path inside the repository (no '..', no leading '/')",
  );

export const MAX_POLL_SECONDS = 86_400;

/** An app whose compose file lives in a git repository, with the folder around it (docs/compose.md). */
export const RepositorySourceInput = GitSource.extend({
  /** Default: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml at the root. */
  composeFile: FolderPath.optional(),
  /** Default: compose.override.yaml (or .yml, docker-compose.override.*) next to the compose file, if present. */
  overrideFiles: z.array(FolderPath).max(10, "at most 10 files").optional(),
  /**
   * Poll the repository for new commits every so many seconds (0 or absent: only the webhook). The server refuses
   * less than its minimum (WHARF_REPOSITORY_POLL_MIN_SECONDS, default 60).
   */
  pollSeconds: z
    .number()
    .int()
    .refine((n) => n >= 0 && n <= MAX_POLL_SECONDS, `must be 0 (off) or at most ${MAX_POLL_SECONDS} seconds`)
    .optional(),
});
export type RepositorySourceInput = z.infer<typeof RepositorySourceInput>;

/**
 * An app whose compose folder was uploaded as an archive (POST /projects/{id}/archives): the upload's id and which
 * files to read, with the repository source's defaults.
 */
export const ArchiveSourceInput = z.object({
  id: Id,
  composeFile: FolderPath.optional(),
  overrideFiles: z.array(FolderPath).max(10, "at most 10 files").optional(),
});
export type ArchiveSourceInput = z.infer<typeof ArchiveSourceInput>;

/** An uploaded compose folder (checked, stored until `expiresAt`), for sources of apps in its project. */
export const AppArchiveView = z.object({
  id: z.string(),
  projectId: z.string(),
  filename: z.string(),
  kind: z.enum(["tar", "tar.gz", "zip"]),
  bytes: z.number(),
  entries: z.number(),
  /** Compose files found at the archive's root (the default is the first of them). */
  composeFiles: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type AppArchiveView = z.infer<typeof AppArchiveView>;

/** Where the spec comes from: a compose file, the image form, or an AppSpec as JSON (API clients, service updates). */
export const SourceInput = z.discriminatedUnion("type", [
  z.object({ type: z.literal("repository"), repository: RepositorySourceInput }),
  z.object({ type: z.literal("archive"), archive: ArchiveSourceInput }),
  z.object({
    type: z.literal("compose"),
    compose: z.string().max(MAX_COMPOSE_BYTES, `must be at most ${MAX_COMPOSE_BYTES / 1024} KiB`),
  }),
  z.object({ type: z.literal("image"), image: ImageAppInput }),
  z.object({ type: z.literal("spec"), spec: z.record(z.string(), z.unknown()) }),
]);
export type SourceInput = z.infer<typeof SourceInput>;

export const AppCreateInput = z.object({
  name: Slug,
  hostId: Id,
  mode: AppMode.default("standalone"),
  /** Checked (parse, admission, quotas) at creation; nothing is deployed until POST /apps/{id}/deploy. */
  source: SourceInput.optional(),
  /** The app's first variables (a plan that listed missing variables, filled in): stored with the app. */
  variables: VariableList.optional(),
});
/**
 * POST /builds/{id}/app: an app that runs a finished build's image. The image is the build's own record (its
 * engine id), never a name from the request, so `image` takes every image-form field but the image itself.
 */
export const AppFromBuildInput = AppCreateInput.omit({ source: true, hostId: true }).extend({
  projectId: Id,
  /** The host the build ran on (the only one holding the image); the default, and any other is refused. */
  hostId: Id.optional(),
  image: ImageAppInput.omit({ image: true }).strict().prefault({}),
});
/** Plan and deploy take a new source, or none to re-apply the current revision. */
export const ApplyInput = z.object({ source: SourceInput.optional() });
/** A service as a compose file may name it (the spec's rule: capitals too). */
const ServiceName = z
  .string()
  .regex(COMPOSE_NAME_RE, "use letters, digits, '.', '_' and '-', at most 255 characters");
const Replicas = z.number().int().min(0).max(MAX_REPLICAS, `must be at most ${MAX_REPLICAS}`);
/** One service (`service` + `replicas`) or several at once (`services`: name → replicas), as one revision. */
/** What an app's stop, start and restart routes do to all its containers (one route each). */
export type LifecycleAction = "stop" | "start" | "restart";

export const ScaleInput = z
  .object({
    service: ServiceName.optional(),
    replicas: Replicas.optional(),
    services: z
      .record(ServiceName, Replicas)
      .refine((m) => Object.keys(m).length > 0, "name at least one service")
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.services) return;
    if (!v.service)
      ctx.addIssue({ code: "custom", path: ["service"], message: "is required (or give services)" });
    if (v.replicas === undefined)
      ctx.addIssue({ code: "custom", path: ["replicas"], message: "is required" });
  })
  .transform((v): Record<string, number> => v.services ?? { [v.service ?? ""]: v.replicas ?? 0 });
export const RollbackInput = z.object({ revision: z.number().int().min(1) });
export const SampleQuery = z.object({ mode: AppMode.optional() });
/** The voting-app sample: its file name and compose text. */
export const SampleComposeView = z.object({ name: z.string(), compose: z.string() });
export type SampleComposeView = z.infer<typeof SampleComposeView>;
export const AppDeleteQuery = z.object({ volumes: z.enum(["true", "false"]).optional() });
/** A partial service in AppSpec form (e.g. {"image": "…", "environment": {…}}), merged into the current spec. */
export const ServiceUpdateInput = z.record(z.string(), z.unknown());

/** Per service, what a repository source changed against the running revision. */
export const SpecChangeView = z.object({
  service: z.string(),
  change: z.enum(["added", "removed", "changed"]),
  keys: z.array(z.string()),
});
export type SpecChangeView = z.infer<typeof SpecChangeView>;
/** Where a folder source's files came from (never credentials): recorded with the revision. */
export const SourceOriginView = z.object({
  url: z.string().optional(),
  ref: z.string().optional(),
  commit: z.string().optional(),
  archive: z.string().optional(),
  composeFile: z.string(),
  overrideFiles: z.array(z.string()),
});

export const PlanView = z.object({
  services: z.array(
    z.object({
      service: z.string(),
      action: z.enum(["create", "update", "scale", "remove", "unchanged"]),
      from: z.number(),
      to: z.number(),
      reasons: z.array(z.string()),
      engineName: z.string().optional(),
      containerName: z.string().optional(),
    }),
  ),
  networks: z.array(
    z.object({ name: z.string(), action: z.enum(["create", "remove", "unchanged", "keep", "external"]) }),
  ),
  volumes: z.array(
    z.object({ name: z.string(), action: z.enum(["create", "remove", "unchanged", "keep", "external"]) }),
  ),
  changes: z.number(),
  warnings: z.array(z.string()),
  /** A repository source: the commit planned and, per service, what changed against the running revision. */
  commit: z.string().optional(),
  diff: z.array(SpecChangeView).optional(),
  usage: z
    .object({
      containers: z.number(),
      memoryMb: z.number(),
      cpus: z.number(),
      limits: z.object({ containers: z.number(), memoryMb: z.number(), cpus: z.number() }),
    })
    .optional(),
});

export type PlanView = z.infer<typeof PlanView>;
/** What a deploy, scale, rollback or service update answers (the last line of its NDJSON stream). */
export const DeployResultView = z.object({
  changed: z.boolean(),
  revision: z.number().nullable(),
  plan: PlanView,
});
export type DeployResultView = z.infer<typeof DeployResultView>;

export const RevisionView = z.object({
  id: z.string(),
  number: z.number(),
  outcome: z.string(),
  message: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  sourceType: z.string(),
  /** A repository source: the commit it was read at. */
  commit: z.string().nullable(),
  current: z.boolean(),
});
export type RevisionView = z.infer<typeof RevisionView>;

/** One line of a deploy's progress, as streamed (NDJSON) and as kept with the revision. */
export const ProgressLineView = z.object({
  type: z.literal("progress"),
  phase: z.string(),
  message: z.string(),
  service: z.string().optional(),
  at: z.string(),
});
export type ProgressLineView = z.infer<typeof ProgressLineView>;

/** A deploy's kept progress lines (Revision.progress, lib/deploy/progress-record.ts). */
export const ProgressLinesView = z.object({
  lines: z.array(ProgressLineView),
  /** Past the bounds only the first lines and the last one were kept. */
  truncated: z.boolean(),
});

/** GET /apps/{id}/last-deploy: the newest finished revision's progress lines (scrubbed, bounded), or null. */
export const LastDeployView = z.object({
  lastDeploy: ProgressLinesView.extend({
    revision: z.number(),
    outcome: z.string(),
    finishedAt: z.string(),
    message: z.string(),
  }).nullable(),
});
export type LastDeployView = z.infer<typeof LastDeployView>;

/** GET /apps/{id}/deploy-progress: the revision being deployed now and its progress lines so far, or null. */
export const DeployInProgressView = z.object({
  deploy: ProgressLinesView.extend({ revision: z.number(), startedAt: z.string() }).nullable(),
});
export type DeployInProgressView = z.infer<typeof DeployInProgressView>;

/** GET /apps/{id}/revisions/{number}/diff: one revision, and what going back to it from the current one changes. */
export const RevisionDiffView = z.object({
  revision: z.number(),
  outcome: z.string(),
  /** The current revision's number; null before a first deploy succeeded (everything is then "added"). */
  current: z.number().nullable(),
  /** The revision's effective compose file as YAML (like `docker compose config`), masked for viewers. */
  compose: z.string(),
  source: z.object({ type: z.string(), text: z.string(), origin: SourceOriginView.optional() }).nullable(),
  services: z.array(
    z.object({
      service: z.string(),
      change: z.enum(["added", "removed", "changed", "unchanged"]),
      fields: z.array(z.string()),
    }),
  ),
  /** Current → this revision, line by line over the two effective compose files. */
  lines: z.array(z.object({ op: z.enum(["same", "add", "remove"]), text: z.string() })),
  identical: z.boolean(),
});
export type RevisionDiffView = z.infer<typeof RevisionDiffView>;

/** GET /apps/{id}/revisions/{number}: the revision's spec (lib/compose/spec.ts' AppSpec) and its source, masked for viewers. */
export const RevisionSpecView = z.object({
  spec: z.record(z.string(), z.unknown()),
  source: z.unknown(),
});
export type RevisionSpecView = z.infer<typeof RevisionSpecView>;

/** GET /apps/{id}/compose: the running revision as an effective compose file (a YAML mapping), masked for viewers. */
export const AppComposeView = z.object({ revision: z.number(), compose: z.record(z.string(), z.unknown()) });
export type AppComposeView = z.infer<typeof AppComposeView>;

export const AppView = z.object({
  id: z.string(),
  projectId: z.string(),
  tenantId: z.string(),
  hostId: z.string(),
  hostName: z.string(),
  name: z.string(),
  mode: AppMode,
  status: z.string(),
  currentRevision: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AppView = z.infer<typeof AppView>;
/** An app on the all-apps page, with its project's name. */
export const AppListItemView = AppView.extend({ projectName: z.string() });
export type AppListItemView = z.infer<typeof AppListItemView>;
/** A new app and the plan of its first source (null when created without one). */
export const CreatedAppView = z.object({ app: AppView, plan: PlanView.nullable() });
export type CreatedAppView = z.infer<typeof CreatedAppView>;

export const ServiceStateView = z.object({
  name: z.string(),
  image: z.string(),
  desired: z.number(),
  running: z.number(),
  ports: z.array(z.string()),
  /** Swarm `mode: global`: one task per eligible node; it does not scale. */
  global: z.boolean(),
  replicas: z.array(
    z.object({
      /** The container's id (a Swarm task's container), for links to its page, logs and console. */
      id: z.string().nullable(),
      name: z.string(),
      state: z.string(),
      health: z.string().nullable(),
      revision: z.number().nullable(),
      /** Swarm: hostname of the node the task runs on; null on a standalone host. */
      node: z.string().nullable(),
    }),
  ),
});

export const AppDetailView = AppView.extend({
  /** Where published ports answer: the host's address from its engine URL; null for a local socket (the console's own host). */
  hostAddress: z.string().nullable(),
  source: z.object({ type: z.string(), text: z.string(), origin: SourceOriginView.optional() }).nullable(),
  services: z.array(ServiceStateView),
  engineError: z.string().nullable(),
});
export type ServiceStateView = z.infer<typeof ServiceStateView>;
export type AppDetailView = z.infer<typeof AppDetailView>;
