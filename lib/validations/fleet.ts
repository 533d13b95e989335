import { z } from "zod";
import { CONTAINER_SORT_KEYS, CONTAINER_STATES } from "@/lib/validations/fleet-views";
import { EngineInfoView } from "@/lib/validations/host";

export const CONTAINER_PAGE_MAX = 1_000;

export const ContainerListQuery = z.object({
  host: z.string().max(64).optional(),
  state: z.enum(CONTAINER_STATES as [string, ...string[]]).optional(),
  tenant: z.string().max(64).optional(),
  project: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(CONTAINER_SORT_KEYS as [string, ...string[]]).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(CONTAINER_PAGE_MAX).default(100),
});

const HostLiveStatus = z.object({
  state: z.enum(["up", "down", "reconnecting"]),
  since: z.string(),
  error: z.string().nullable(),
});

export const ContainerViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  status: z.string(),
  since: z.number().nullable(),
  hostId: z.string(),
  tenant: z.string().nullable(),
  project: z.string().nullable(),
  app: z.string().nullable(),
  service: z.string().nullable(),
  ports: z.array(z.string()),
  created: z.number(),
});

export const ContainerListView = z.object({
  items: z.array(ContainerViewSchema),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
  hosts: z.record(z.string(), z.object({ name: z.string(), status: HostLiveStatus })),
  asOf: z.string(),
});

export const CountersView = z.object({
  containers: z.object({
    running: z.number(),
    total: z.number(),
    staleRunning: z.number(),
    staleTotal: z.number(),
  }),
  hosts: z.object({ up: z.number(), down: z.number(), reconnecting: z.number(), total: z.number() }),
  asOf: z.string(),
  staleSince: z.string().nullable(),
});

/** A host with its live state from the fleet cache; `engine` is what the engine last reported (older rows lack fields). */
export const HostView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  labels: z.record(z.string(), z.string()),
  engine: EngineInfoView.partial(),
  createdAt: z.string(),
  tenantIds: z.array(z.string()),
  status: HostLiveStatus,
  containers: z.object({ running: z.number(), total: z.number() }),
});
export type HostView = z.infer<typeof HostView>;

/** `GET /stream?containers=1` adds container changes; without it a stream carries counters and hosts only. */
export const StreamQuery = z.object({
  containers: z
    .enum(["0", "1"])
    .optional()
    .describe("1: also send `containers` events (pages that list containers)"),
});
