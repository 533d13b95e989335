import { z } from "zod";
import { TenantScope } from "@/lib/validations/common";
import {
  CONTAINER_SORT_KEYS,
  CONTAINER_STATES,
  HostCounts,
  HostLiveStatus,
} from "@/lib/validations/fleet-views";
import { EngineInfoView } from "@/lib/validations/host";

export const CONTAINER_PAGE_MAX = 1_000;

export const ContainerListQuery = z.object({
  tenantId: TenantScope,
  host: z.string().max(64).optional(),
  state: z.enum(CONTAINER_STATES).optional(),
  tenant: z.string().max(64).optional(),
  project: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(CONTAINER_SORT_KEYS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(CONTAINER_PAGE_MAX).default(100),
});

/** A host with its live state from the fleet cache; `engine` is what the engine last reported (older rows lack fields). */
export const HostView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  labels: z.record(z.string(), z.string()),
  /** Its node exporter's URL (admins and ops only; null for others, or none set). */
  nodeExporterUrl: z.string().nullable(),
  engine: EngineInfoView.partial(),
  createdAt: z.string(),
  tenantIds: z.array(z.string()),
  status: HostLiveStatus,
  containers: HostCounts,
});
export type HostView = z.infer<typeof HostView>;

/** `GET /stream?containers=1` adds container changes; without it a stream carries counters and hosts only. */
export const StreamQuery = z.object({
  tenantId: TenantScope,
  containers: z
    .enum(["0", "1"])
    .optional()
    .describe("1: also send `containers` events (pages that list containers)"),
});
