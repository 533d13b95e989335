import { z } from "zod";
import { DisplayName, Id } from "@/lib/validations/common";
import { HostUrl } from "@/lib/validations/host-url";

const Pem = (what: string) =>
  z
    .string()
    .trim()
    .max(20_000)
    .refine((s) => s.includes("-----BEGIN"), `must be a PEM ${what}`);

export const TlsInput = z.object({
  ca: Pem("CA certificate"),
  cert: Pem("certificate"),
  key: Pem("private key"),
});
export const HostLabels = z.record(
  z
    .string()
    .max(63)
    .regex(/^[a-zA-Z0-9_.\-/]+$/, "label keys use letters, digits, . _ - /"),
  z.string().max(255),
);

/** A Prometheus node exporter's metrics page, e.g. http://10.0.0.5:9100/metrics (checked by lib/egress when saved). */
export const NodeExporterUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. http://10.0.0.5:9100/metrics" })
  .max(2000);

export const HostCreateInput = z.object({
  name: DisplayName,
  url: HostUrl,
  tls: TlsInput.optional(),
  labels: HostLabels.default({}),
  nodeExporterUrl: NodeExporterUrl.optional(),
});
/** POST /hosts/bulk: several hosts at once, all or none (a large fleet's registration). */
export const HostBulkCreateInput = z.object({ hosts: z.array(HostCreateInput).min(1).max(100) });
export const HostUpdateInput = z.object({
  name: DisplayName.optional(),
  labels: HostLabels.optional(),
  /** null removes it. */
  nodeExporterUrl: NodeExporterUrl.nullable().optional(),
});
export const HostGrantsInput = z.object({ tenantIds: z.array(Id).max(1000) });

/** What a host's engine reported when it was last probed (Host.engineInfo); older rows may lack fields. */
export const EngineInfoView = z.object({
  engineId: z.string(),
  name: z.string(),
  version: z.string(),
  apiVersion: z.string(),
  os: z.string(),
  kernel: z.string(),
  arch: z.string(),
  cpus: z.number(),
  memoryBytes: z.number(),
  swarmRole: z.enum(["manager", "worker", "none"]),
  swarmNodeId: z.string(),
  swarmClusterId: z.string(),
});
export type EngineInfoView = z.infer<typeof EngineInfoView>;

/**
 * A host's own figures read from its node exporter (GET /hosts/{id}/figures). Without one (`exporter` false) there
 * are none: what the pages show is only the sum of the containers. Rates (CPU, network) are over the last two scrapes.
 */
export const HostFiguresView = z.object({
  exporter: z.boolean(),
  /** Why the exporter could not be read (unreachable, refused, not a node exporter page). */
  error: z.string().nullable(),
  at: z.string().nullable(),
  figures: z
    .object({
      cpus: z.number().int(),
      cpuPercent: z.number().nullable(),
      memoryTotalBytes: z.number(),
      memoryUsedBytes: z.number(),
      load1: z.number(),
      load5: z.number(),
      load15: z.number(),
      /** The root filesystem (mountpoint "/"). */
      diskTotalBytes: z.number(),
      diskUsedBytes: z.number(),
      /** Every interface but loopback, per second. */
      networkRxBytesPerSecond: z.number().nullable(),
      networkTxBytesPerSecond: z.number().nullable(),
    })
    .nullable(),
});
export type HostFiguresView = z.infer<typeof HostFiguresView>;
export type HostFigures = NonNullable<HostFiguresView["figures"]>;
