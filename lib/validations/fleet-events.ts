import { z } from "zod";
import { TenantScope } from "@/lib/validations/common";

/**
 * The state changes the fleet followers keep (lib/fleet/event-log.ts): a non-zero exit, out of memory, unhealthy,
 * a restart. Exec and passing health checks are noise and never stored.
 */
export const FLEET_EVENT_TYPES = ["exit", "oom", "unhealthy", "restart"] as const;
export const FleetEventType = z.enum(FLEET_EVENT_TYPES);
export type FleetEventType = z.infer<typeof FleetEventType>;
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
  containerId: z.string(),
  containerName: z.string(),
  /** Whether the container is still on its engine (its page can be opened). */
  exists: z.boolean(),
});
export type FleetEventView = z.infer<typeof FleetEventView>;

export const FleetEventPage = z.object({ items: z.array(FleetEventView) });
export type FleetEventPage = z.infer<typeof FleetEventPage>;
