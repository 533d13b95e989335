/**
 * Fleet view models shared by the server (cache, API, stream) and the browser, as zod schemas with their types
 * beside them: the OpenAPI document (lib/openapi/operations/fleet.ts) describes the very shapes the cache builds.
 * No server imports here.
 */
import { z } from "zod";

export const CONTAINER_STATES = [
  "running",
  "created",
  "paused",
  "restarting",
  "removing",
  "exited",
  "dead",
] as const;
export const ContainerState = z.enum(CONTAINER_STATES);
export type ContainerState = z.infer<typeof ContainerState>;

/** One container as the console shows it: compact, derived from the engine list/inspect/events. */
export const ContainerView = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: ContainerState,
  /** Engine-style status without the relative time, e.g. "Up (healthy)", "Exited (137)". */
  status: z.string(),
  /** When the container entered its current state (ms since epoch); approximate for containers seen only by a list. */
  since: z.number().nullable(),
  hostId: z.string(),
  tenant: z.string().nullable(),
  project: z.string().nullable(),
  app: z.string().nullable(),
  service: z.string().nullable(),
  /** Published ports, "0.0.0.0:8080->80/tcp"; exposed-only ports as "80/tcp". */
  ports: z.array(z.string()),
  /** Unix seconds. */
  created: z.number(),
});
export type ContainerView = z.infer<typeof ContainerView>;

export const HOST_STATUS_STATES = ["up", "down", "reconnecting"] as const;
export type HostStatusState = (typeof HOST_STATUS_STATES)[number];
export const HostLiveStatus = z.object({
  state: z.enum(HOST_STATUS_STATES),
  since: z.string(),
  error: z.string().nullable(),
});
export type HostLiveStatus = z.infer<typeof HostLiveStatus>;
export const HostCounts = z.object({ running: z.number(), total: z.number() });
export type HostCounts = z.infer<typeof HostCounts>;

export const FleetCounters = z.object({
  containers: z.object({
    running: z.number(),
    total: z.number(),
    staleRunning: z.number(),
    staleTotal: z.number(),
  }),
  hosts: z.object({ up: z.number(), down: z.number(), reconnecting: z.number(), total: z.number() }),
  /** When these numbers were computed (server time). Live numbers are current as of this instant. */
  asOf: z.string(),
  /** The oldest "since" among hosts that are not up: stale numbers are last known as of then. */
  staleSince: z.string().nullable(),
});
export type FleetCounters = z.infer<typeof FleetCounters>;

/** `app`: grouped by app, then by name (service, replica) within it; containers outside Wharf's apps first. */
export const CONTAINER_SORT_KEYS = [
  "name",
  "image",
  "state",
  "host",
  "created",
  "tenant",
  "project",
  "app",
] as const;
export type ContainerSortKey = (typeof CONTAINER_SORT_KEYS)[number];

export const ContainerListPage = z.object({
  items: z.array(ContainerView),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
  /** The hosts referenced by `items`: name and live status, so rows of a down host can be greyed. */
  hosts: z.record(z.string(), z.object({ name: z.string(), status: HostLiveStatus })),
  asOf: z.string(),
});
export type ContainerListPage = z.infer<typeof ContainerListPage>;

/** A change pushed on the stream. `t` is the engine event time in ms (with fractions) when the change came from an event. */
export const ContainerChange = z.discriminatedUnion("op", [
  z.object({ op: z.literal("upsert"), c: ContainerView, t: z.number().optional() }),
  z.object({ op: z.literal("remove"), id: z.string(), hostId: z.string(), t: z.number().optional() }),
]);
export type ContainerChange = z.infer<typeof ContainerChange>;
export const HostStatusChange = z.object({
  id: z.string(),
  name: z.string(),
  status: HostLiveStatus,
  counts: HostCounts,
});
export type HostStatusChange = z.infer<typeof HostStatusChange>;
/** A host's change on the stream: its new status and counts, or that it is gone (or no longer visible). */
export const HostChange = z.union([HostStatusChange, z.object({ id: z.string(), removed: z.literal(true) })]);
export type HostChange = z.infer<typeof HostChange>;

/**
 * The console's event stream (GET /stream, lib/fleet/sse.ts writes it): each event's name and what its data holds.
 * The browser parses every event with these (lib/client/hooks/use-fleet.ts).
 */
/** The viewer's rights a stream was opened with: a later `hello` with other rights means they changed meanwhile. */
export const StreamAccess = z.object({
  userId: z.string(),
  globalRole: z.string(),
  memberships: z.record(z.string(), z.string()),
});
export type StreamAccess = z.infer<typeof StreamAccess>;

/** The sentences that tell a user their tenant access changed: the server's `revoked` reason and the page's own diff. */
export const accessReason = {
  roleChanged: (role: string) => `your role in the tenant changed to ${role}`,
  membershipRemoved: "your membership in the tenant was removed",
};

const streamEvents = {
  hello: z.object({ counters: FleetCounters, hosts: z.array(HostChange), access: StreamAccess }),
  counters: FleetCounters,
  containers: z.array(ContainerChange),
  hosts: z.array(HostChange),
  /** The session was revoked or the user lost access: the console signs out (lib/client/access-revoked.ts). */
  revoked: z.object({ reason: z.string().optional() }),
  /** Too many changes at once, or the viewer's grants changed: refetch what is shown. */
  resync: z.object({}),
};
export type FleetStreamEvents = { [K in keyof typeof streamEvents]: z.infer<(typeof streamEvents)[K]> };
/** Typed per event, so `FleetStreamEvents[name].parse(...)` gives that event's data for any `name`. */
export const FleetStreamEvents: { [K in keyof FleetStreamEvents]: z.ZodType<FleetStreamEvents[K]> } =
  streamEvents;
