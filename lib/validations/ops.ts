import { z } from "zod";
import { execCommandProblem } from "./exec-command";

export const LOG_TAIL_MAX = 100_000;
export const LOG_TAIL_DEFAULT = 200;

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
/** Unix seconds, or an ISO date. */
const instant = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : Date.parse(v) / 1000;
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: "use unix seconds or an ISO date" });
      return z.NEVER;
    }
    return Math.floor(n);
  });

export const LogsQuery = z.object({
  tail: z
    .union([
      z.literal("all"),
      z.coerce.number().int().min(0).max(LOG_TAIL_MAX, `must be at most ${LOG_TAIL_MAX} or "all"`),
    ])
    .default(LOG_TAIL_DEFAULT),
  follow: bool.default(false),
  timestamps: bool.default(false),
  since: instant.optional(),
  format: z.enum(["ndjson", "sse", "text"]).optional(),
  download: bool.default(false),
});
export type LogsQuery = z.infer<typeof LogsQuery>;

export const LogLineView = z.object({
  stream: z.enum(["stdout", "stderr"]),
  text: z.string(),
  ts: z.string().optional(),
  container: z.string().optional(),
});

export type LogLineView = z.infer<typeof LogLineView>;

/** One stats sample as the UI charts it (GET /containers/{id}/stats, SSE or JSON). */
export const StatsSampleView = z.object({
  at: z.string(),
  cpuPercent: z.number(),
  onlineCpus: z.number(),
  memoryBytes: z.number(),
  memoryLimitBytes: z.number(),
  memoryPercent: z.number(),
  netRxBytes: z.number(),
  netTxBytes: z.number(),
  blockReadBytes: z.number(),
  blockWriteBytes: z.number(),
  pids: z.number(),
});
export type StatsSampleView = z.infer<typeof StatsSampleView>;

/** The console's text frames (binary frames are the process's stdout). */
export const ExecMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("stderr"), data: z.string() }),
  z.object({ type: z.literal("exit"), exitCode: z.number().nullable() }),
]);

export const StatsQuery = z.object({ stream: bool.default(true) });

export const RemoveContainerQuery = z.object({ force: bool.default(false), volumes: bool.default(false) });

/** Most containers one bulk request acts on (the containers page selects among loaded rows). */
export const BULK_CONTAINERS_MAX = 100;
export const BULK_CONTAINER_ACTIONS = ["start", "stop", "restart", "remove"] as const;
/** POST /containers/actions: one action on several containers, each authorized as if it were sent alone. */
export const ContainerBulkInput = z.object({
  action: z.enum(BULK_CONTAINER_ACTIONS),
  ids: z
    .array(z.string().min(1).max(128))
    .min(1)
    .max(BULK_CONTAINERS_MAX)
    .refine((ids) => new Set(ids).size === ids.length, "each container once"),
});
export const ContainerBulkView = z.object({
  action: z.enum(BULK_CONTAINER_ACTIONS),
  /** One per id, in the order asked: `status` is what the single request would have answered. */
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      status: z.number(),
      name: z.string().optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
export type ContainerBulkView = z.infer<typeof ContainerBulkView>;

export const ExecQuery = z.object({
  cmd: z
    .string()
    .max(512)
    .default("/bin/sh")
    .superRefine((cmd, ctx) => {
      const problem = execCommandProblem(cmd);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  tty: bool.default(true),
  cols: z.coerce.number().int().min(1).max(1000).optional(),
  rows: z.coerce.number().int().min(1).max(1000).optional(),
});

export const ImagePruneInput = z.object({
  all: z.boolean().default(false),
  label: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9._\-/]+(=[^\s]*)?$/, "use key or key=value")
    .optional(),
});
export const ImageRemoveQuery = z.object({ force: bool.default(false) });
/**
 * An image id or reference as it goes into the engine's URL path: `..` or a stray `/` segment would walk to another
 * engine endpoint (DELETE /images/../containers/x), so only reference characters, and no `..`, pass.
 */
export const ImageRef = z
  .string()
  .max(512, "is too long")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/, "must be an image id or reference")
  .refine(
    (s) => !s.split("/").some((seg) => seg === "" || seg === "." || seg === ".."),
    "must be an image id or reference",
  );

export const EventsQuery = z.object({
  since: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(3600),
  type: z
    .enum([
      "container",
      "image",
      "volume",
      "network",
      "daemon",
      "plugin",
      "node",
      "service",
      "secret",
      "config",
    ])
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const NodeAvailability = z.enum(["active", "pause", "drain"]);
export const NodeUpdateInput = z.object({ availability: NodeAvailability });
export const SwarmQuery = z.object({ hostId: z.string().min(1).max(64).optional() });

export const AppLogsQuery = LogsQuery.omit({ download: true }).extend({
  tail: LogsQuery.shape.tail,
  /** Only this service's containers. */
  service: z.string().min(1).max(63).optional(),
});
