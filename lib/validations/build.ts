import { z } from "zod";
import { Id, TenantScope } from "@/lib/validations/common";

export const BUILD_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export const SOURCE_TYPES = ["git", "upload", "inline"] as const;
export type BuildStatus = (typeof BUILD_STATUSES)[number];
export type BuildSourceType = (typeof SOURCE_TYPES)[number];
export const MAX_TAGS = 10;
export const MAX_BUILD_ARGS = 50;
export const MAX_INLINE_FILES = 50;
export const MAX_INLINE_BYTES = 1024 * 1024;

/** Image name (no registry host, no digest) with an optional tag, as Docker spells it; scoped per tenant/project on the server. */
export const TAG_RE =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*){0,3}(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/;
/** Git branch, tag or commit: what `git check-ref-format` accepts, minus anything that could read as an option. */
export const REF_RE = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._/+-]{1,200}(?<![./])$/;
/** A relative path inside the build context; `..` segments and absolute paths are refused. */
export const ContextPath = z
  .string()
  .min(1, "is required")
  .max(255, "must be at most 255 characters")
  .refine(
    (p) => !p.startsWith("/") && !p.includes("\\") && !p.split("/").includes("..") && !p.includes("\0"),
    "must be a relative path inside the build context (no '..', no leading '/')",
  );

const Tag = z
  .string()
  .regex(TAG_RE, "use a lowercase image name with an optional :tag, e.g. web:1.0 (no registry host)");
const BuildArgName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, "use letters, digits and _ (not starting with a digit)");

/** Options shared by every source type. */
export const BuildOptions = z.object({
  projectId: Id,
  hostId: Id,
  dockerfile: ContextPath.default("Dockerfile"),
  buildArgs: z
    .record(BuildArgName, z.string().max(4096))
    .default({})
    .refine((a) => Object.keys(a).length <= MAX_BUILD_ARGS, `at most ${MAX_BUILD_ARGS} build args`),
  /** Build-arg names to treat as secret (besides secret-looking names and URL credentials: lib/secrets/model.ts). */
  secretArgs: z.array(BuildArgName).max(MAX_BUILD_ARGS).default([]),
  target: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "use a stage name: letters, digits, _ . -")
    .optional(),
  tags: z.array(Tag).max(MAX_TAGS, `at most ${MAX_TAGS} tags`).default([]),
  /** Push every tag to this registry of the tenant once the image is built. */
  registryId: Id.optional(),
});

export const GitSource = z.object({
  url: z.string().trim().min(1, "is required").max(2000, "is too long"),
  ref: z
    .string()
    .trim()
    .regex(REF_RE, "must be a branch, tag or commit (letters, digits, . _ / + -; not starting with '-')")
    .optional(),
  /** HTTPS basic credentials (a token as password); stored encrypted, never logged. */
  username: z.string().max(200).optional(),
  password: z.string().max(4096).optional(),
});

export const InlineFile = z.object({ path: ContextPath, content: z.string() });
export const InlineSource = z.object({
  dockerfile: z.string().min(1, "is required").max(MAX_INLINE_BYTES, "is too long"),
  files: z.array(InlineFile).max(MAX_INLINE_FILES, `at most ${MAX_INLINE_FILES} files`).default([]),
});

export const BuildCreateInput = z.discriminatedUnion("sourceType", [
  BuildOptions.extend({ sourceType: z.literal("git"), git: GitSource }),
  BuildOptions.extend({ sourceType: z.literal("inline"), inline: InlineSource }),
]);
/** The JSON `spec` part of a multipart upload (the archive is the `context` file part). */
export const BuildUploadSpec = BuildOptions;

export const BuildListQuery = z.object({
  tenantId: TenantScope,
  projectId: Id.optional(),
  status: z.enum(BUILD_STATUSES).optional(),
  appId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const BuildPushInput = z.object({ registryId: Id });

export const BuildView = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  tenantId: z.string(),
  hostId: z.string(),
  hostName: z.string(),
  appId: z.string().nullable(),
  sourceType: z.enum(SOURCE_TYPES),
  source: z.record(z.string(), z.unknown()),
  commit: z.string(),
  tags: z.array(z.string()),
  status: z.enum(BUILD_STATUSES),
  queuePosition: z.number().nullable(),
  imageId: z.string(),
  sizeBytes: z.number(),
  logTruncated: z.boolean(),
  logBytes: z.number(),
  error: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type BuildView = z.infer<typeof BuildView>;

/** Build source of an app (App.buildSource): what a webhook rebuilds. */
export const AppBuildSourceInput = z.object({
  git: GitSource,
  dockerfile: ContextPath.default("Dockerfile"),
  buildArgs: z.record(BuildArgName, z.string().max(4096)).default({}),
  target: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/)
    .optional(),
  /** The compose service whose image the build replaces (default: every service of an image app). */
  service: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/)
    .optional(),
  tag: Tag.optional(),
  registryId: Id.optional(),
});
/** PUT /hooks/{appId}: the build source, and whether to issue a new webhook secret. */
export const AppBuildSourcePut = AppBuildSourceInput.extend({ rotateSecret: z.boolean().default(false) });
/** An app's build source and webhook (GET/PUT /hooks/{appId}); the git password is never read back. */
export const HookView = z.object({
  appId: z.string(),
  configured: z.boolean(),
  url: z.string(),
  secret: z.string().nullable(),
  source: AppBuildSourceInput.omit({ git: true })
    .extend({
      git: GitSource.omit({ password: true }).extend({ hasPassword: z.boolean() }),
      configuredById: z.string(),
    })
    .nullable(),
  /** An app from a repository (docs/compose.md): the same webhook deploys its pushes. */
  repository: z
    .object({
      url: z.string(),
      ref: z.string(),
      composeFile: z.string(),
      pollSeconds: z.number(),
      /** The newest commit deployed, or found by polling (deployed once, even when that deploy failed). */
      lastCommit: z.string(),
      /** When polling last asked the repository (null: never). */
      lastPolledAt: z.string().nullable(),
      username: z.string(),
    })
    .nullable()
    .optional(),
});
export type HookView = z.infer<typeof HookView>;
