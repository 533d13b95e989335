// The container, Swarm and network options of the Compose Specification that map to a Docker Engine
// API field, in Wharf's normalized form (units resolved: bytes, milliseconds, nano-CPUs). Split from
// spec.ts so the core service shape stays readable; ServiceSpecSchema extends ServiceOptionsSchema.
import { z } from "zod";

const StringMap = z.record(z.string(), z.string());
const Strings = z.array(z.string());
const Int = z.number().int();

export const UlimitSchema = z.object({ soft: Int, hard: Int });
export const LoggingSchema = z.object({ driver: z.string().optional(), options: StringMap });
/** A secret or config mounted into a service (long form; the short form becomes {source}). */
export const FileRefSchema = z.object({
  source: z.string(),
  target: z.string().optional(),
  uid: z.string().optional(),
  gid: z.string().optional(),
  mode: Int.optional(),
  /** Set by the server (lib/deploy/app-files.ts): a keyed digest of the content, so a new content replaces the replicas. */
  digest: z.string().optional(),
});
/** Per-network endpoint settings (aliases live in ServiceSpec.networkAliases). */
export const EndpointSchema = z.object({
  ipv4Address: z.string().optional(),
  ipv6Address: z.string().optional(),
  linkLocalIps: Strings.optional(),
  macAddress: z.string().optional(),
  priority: Int.optional(),
  driverOpts: StringMap.optional(),
});
export const DeviceRequestSchema = z.object({
  driver: z.string().optional(),
  count: Int.optional(),
  deviceIds: Strings.optional(),
  capabilities: z.array(Strings),
  options: StringMap.optional(),
});

export const ServiceOptionsSchema = z.object({
  user: z.string().optional(),
  workingDir: z.string().optional(),
  hostname: z.string().optional(),
  domainname: z.string().optional(),
  macAddress: z.string().optional(),
  stopSignal: z.string().optional(),
  stopGracePeriodMs: z.number().nonnegative().optional(),
  stdinOpen: z.boolean().optional(),
  tty: z.boolean().optional(),
  readOnly: z.boolean().optional(),
  shmSizeBytes: Int.nonnegative().optional(),
  pidsLimit: Int.optional(),
  ulimits: z.record(z.string(), UlimitSchema).optional(),
  dns: Strings.optional(),
  dnsOpt: Strings.optional(),
  dnsSearch: Strings.optional(),
  groupAdd: Strings.optional(),
  capDrop: Strings.optional(),
  logging: LoggingSchema.optional(),
  pullPolicy: z.string().optional(),
  platform: z.string().optional(),
  /** What the user asked the container to be called: becomes a DNS alias on the app's own networks. */
  containerName: z.string().optional(),
  /** `links: [svc:alias]` and `external_links`, kept for the export; applied as aliases. */
  links: Strings.optional(),
  externalLinks: Strings.optional(),
  profiles: Strings.optional(),
  annotations: StringMap.optional(),
  storageOpt: StringMap.optional(),
  oomKillDisable: z.boolean().optional(),
  oomScoreAdj: Int.optional(),
  memReservationBytes: Int.positive().optional(),
  /** -1 = unlimited swap, as in Docker. */
  memSwapBytes: Int.optional(),
  memSwappiness: Int.optional(),
  cpuShares: Int.optional(),
  cpuPeriod: Int.optional(),
  cpuQuota: Int.optional(),
  cpuRtPeriod: Int.optional(),
  cpuRtRuntime: Int.optional(),
  cpuset: z.string().optional(),
  cpuCount: Int.optional(),
  cpuPercent: Int.optional(),
  blkioWeight: Int.optional(),
  gpus: z.array(DeviceRequestSchema).optional(),
  /** use_api_socket: mounts the engine's socket (refused for non-admins). */
  useApiSocket: z.boolean().optional(),
  secrets: z.array(FileRefSchema).optional(),
  configs: z.array(FileRefSchema).optional(),
  endpoints: z.record(z.string(), EndpointSchema).optional(),
  // deploy: (mode and placement: spec.ts, lib/compose/normalize-swarm.ts)
  deployLabels: StringMap.optional(),
  reservations: z
    .object({
      memoryBytes: Int.positive().optional(),
      nanoCpus: Int.positive().optional(),
      devices: z.array(DeviceRequestSchema).optional(),
    })
    .optional(),
  restartDelayMs: z.number().nonnegative().optional(),
  restartWindowMs: z.number().nonnegative().optional(),
});

export const NetworkOptionsSchema = z.object({
  driverOpts: StringMap.optional(),
  enableIpv6: z.boolean().optional(),
  ipam: z
    .object({
      driver: z.string().optional(),
      config: z.array(
        z.object({
          subnet: z.string().optional(),
          ipRange: z.string().optional(),
          gateway: z.string().optional(),
          auxAddresses: StringMap.optional(),
        }),
      ),
      options: StringMap.optional(),
    })
    .optional(),
  /** external: true — an existing network of the tenant's own apps, by its compose name. */
  external: z.boolean().optional(),
  /** `name:` of an external network (what it is called where it was created). */
  externalName: z.string().optional(),
});

/** Top-level secrets/configs: inline content, or a variable of the app; files need a repository source. */
export const FileObjectSchema = z.object({
  content: z.string().optional(),
  variable: z.string().optional(),
  external: z.boolean().optional(),
  externalName: z.string().optional(),
  labels: StringMap.optional(),
  /** Swarm: the engine renders the content with this driver ("golang") when a task mounts it. */
  templateDriver: z.string().optional(),
  /** Secrets only: a Swarm secrets plugin that supplies the value (SecretSpec.Driver). */
  driver: z.string().optional(),
  driverOpts: StringMap.optional(),
});

export type Ulimit = z.infer<typeof UlimitSchema>;
export type FileRef = z.infer<typeof FileRefSchema>;
export type Endpoint = z.infer<typeof EndpointSchema>;
export type DeviceRequest = z.infer<typeof DeviceRequestSchema>;
export type FileObject = z.infer<typeof FileObjectSchema>;
