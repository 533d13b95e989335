import { z } from "zod";
import { TenantScope } from "@/lib/validations/common";

/**
 * The state changes the fleet followers keep (lib/fleet/event-log.ts): a non-zero exit, out of memory, unhealthy,
 * a restart. Exec and passing health checks are noise and never stored.
 */
export const ENGINE_EVENT_TYPES = ["exit", "oom", "unhealthy", "restart"] as const;
export type EngineEventType = (typeof ENGINE_EVENT_TYPES)[number];
/**
 * Wharf's own events, stored beside the engine's (lib/fleet/timeline.ts): a deploy (or rollback) that went live or
 * failed, a change that only scaled, a build's end, a Swarm node's availability set (drain, pause, active).
 */
export const WHARF_EVENT_TYPES = [
  "deploy",
  "deploy_failed",
  "scale",
  "build",
  "build_failed",
  "node",
] as const;
export type WharfEventType = (typeof WHARF_EVENT_TYPES)[number];
export const FLEET_EVENT_TYPES = [...ENGINE_EVENT_TYPES, ...WHARF_EVENT_TYPES] as const;
export const FleetEventType = z.enum(FLEET_EVENT_TYPES);
export type FleetEventType = z.infer<typeof FleetEventType>;
const wharfEventTypes = new Set<FleetEventType>(WHARF_EVENT_TYPES);
export const isWharfEvent = (t: FleetEventType): t is WharfEventType => wharfEventTypes.has(t);
/** What the cluster page lists as "Last failures". */
export const FAILURE_TYPES: readonly FleetEventType[] = ["exit", "oom"];

const id = z.string().min(1).max(128);

export const FleetEventQuery = z.object({
  /** Comma-separated event types; all when absent. */
  types: z
    .string()
    .max(100)
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(FleetEventType))
    .optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  hostId: id.optional(),
  tenantId: TenantScope,
  appId: id.optional(),
  containerId: id.optional(),
  /** The next page: the last item's `cursor` (older events than it, same filters). */
  cursor: z
    .string()
    .max(200)
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[\w-]+$/, "a cursor from an earlier page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type FleetEventQuery = z.infer<typeof FleetEventQuery>;

export const FleetEventView = z.object({
  id: z.string(),
  at: z.string(),
  type: FleetEventType,
  exitCode: z.number().int().nullable(),
  hostId: z.string(),
  /** The host's name, or null when it was removed since. */
  hostName: z.string().nullable(),
  tenantId: z.string().nullable(),
  appId: z.string().nullable(),
  appName: z.string().nullable(),
  /** The container; for Wharf's events the object: the revision (deploy, scale), the build, the Swarm node. */
  containerId: z.string(),
  /** The container's name; for Wharf's events the app's name, the build's image or the node's hostname. */
  containerName: z.string(),
  /** Wharf's events: what happened, in one line (revision and changes, a failure's reason). Null for the engine's. */
  detail: z.string().nullable(),
  /** Whether the container is still on its engine (its page can be opened); false for Wharf's events. */
  exists: z.boolean(),
  /** Pass as `cursor` for the events older than this one. */
  cursor: z.string(),
});
export type FleetEventView = z.infer<typeof FleetEventView>;

export const FleetEventPage = z.object({ items: z.array(FleetEventView) });
export type FleetEventPage = z.infer<typeof FleetEventPage>;
