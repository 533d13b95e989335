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

export const HostCreateInput = z.object({
  name: DisplayName,
  url: HostUrl,
  tls: TlsInput.optional(),
  labels: HostLabels.default({}),
});
/** POST /hosts/bulk: several hosts at once, all or none (a large fleet's registration). */
export const HostBulkCreateInput = z.object({ hosts: z.array(HostCreateInput).min(1).max(100) });
export const HostUpdateInput = z.object({ name: DisplayName.optional(), labels: HostLabels.optional() });
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
