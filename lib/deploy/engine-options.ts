// The Compose Specification's runtime options (lib/compose/spec-options.ts) → Docker Engine API
// fields: container create (Config + HostConfig + endpoint settings) and Swarm service
// (ContainerSpec, TaskTemplate, Mode). Pure; engine-spec.ts merges these into the bodies it builds.
import { containerName } from "@/lib/compose/names";
import type { ServiceSpec } from "@/lib/compose/spec";
import type { DeviceRequest } from "@/lib/compose/spec-options";
import type { AppTarget } from "./types";

const ns = (ms: number) => Math.round(ms * 1e6);
const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** "service:x" (a service of this app) → "container:<x's first replica>"; everything else as written (admins only, per the policy). */
export function refersToService(t: AppTarget, value: string | undefined): string | undefined {
  if (value === undefined || !value.startsWith("service:")) return value;
  return `container:${containerName(t.tenantSlug, t.projectSlug, t.appName, value.slice(8), 1)}`;
}

/** volumes_from: "svc[:ro]" names a service of this app → its first replica; "container:x[:ro]" stays (admins only). */
function volumesFrom(t: AppTarget, list: string[] | undefined): string[] | undefined {
  return list?.map((v) => {
    if (v.startsWith("container:")) return v.slice("container:".length);
    const [svc, mode] = v.split(":");
    return `${containerName(t.tenantSlug, t.projectSlug, t.appName, svc, 1)}${mode ? `:${mode}` : ""}`;
  });
}

const deviceRequest = (d: DeviceRequest) =>
  defined({
    Driver: d.driver ?? "",
    Count: d.count ?? (d.deviceIds ? undefined : -1),
    DeviceIDs: d.deviceIds,
    Capabilities: d.capabilities,
    Options: d.options,
  });

const ulimits = (svc: ServiceSpec) =>
  svc.ulimits
    ? Object.entries(svc.ulimits).map(([Name, l]) => ({ Name, Soft: l.soft, Hard: l.hard }))
    : undefined;

/** Config-level fields of POST /containers/create. */
export function containerConfig(svc: ServiceSpec) {
  return defined({
    User: svc.user,
    WorkingDir: svc.workingDir,
    Hostname: svc.hostname,
    Domainname: svc.domainname,
    MacAddress: svc.macAddress,
    StopSignal: svc.stopSignal,
    // The engine takes whole seconds.
    StopTimeout: svc.stopGracePeriodMs === undefined ? undefined : Math.ceil(svc.stopGracePeriodMs / 1000),
    OpenStdin: svc.stdinOpen,
    Tty: svc.tty,
    platform: svc.platform,
  });
}

/** HostConfig fields of POST /containers/create. */
export function hostConfig(t: AppTarget, svc: ServiceSpec) {
  const devices = [...(svc.gpus ?? []), ...(svc.reservations?.devices ?? [])];
  return defined({
    ReadonlyRootfs: svc.readOnly,
    ShmSize: svc.shmSizeBytes,
    PidsLimit: svc.pidsLimit,
    Ulimits: ulimits(svc),
    Dns: svc.dns,
    DnsOptions: svc.dnsOpt,
    DnsSearch: svc.dnsSearch,
    GroupAdd: svc.groupAdd,
    CapDrop: svc.capDrop,
    LogConfig: svc.logging ? { Type: svc.logging.driver ?? "", Config: svc.logging.options } : undefined,
    OomKillDisable: svc.oomKillDisable,
    OomScoreAdj: svc.oomScoreAdj,
    MemoryReservation: svc.memReservationBytes ?? svc.reservations?.memoryBytes,
    MemorySwap: svc.memSwapBytes,
    MemorySwappiness: svc.memSwappiness,
    CpuShares: svc.cpuShares,
    CpuPeriod: svc.cpuPeriod,
    CpuQuota: svc.cpuQuota,
    CpuRealtimePeriod: svc.cpuRtPeriod,
    CpuRealtimeRuntime: svc.cpuRtRuntime,
    CpusetCpus: svc.cpuset,
    CpuCount: svc.cpuCount,
    CpuPercent: svc.cpuPercent,
    BlkioWeight: svc.blkioWeight,
    StorageOpt: svc.storageOpt,
    DeviceRequests: devices.length > 0 ? devices.map(deviceRequest) : undefined,
    PidMode: refersToService(t, svc.pid),
    IpcMode: refersToService(t, svc.ipc),
    VolumesFrom: volumesFrom(t, svc.volumesFrom),
  });
}

/** Endpoint settings for one network: static addresses, MAC, driver options. */
export function endpointSettings(svc: ServiceSpec, network: string) {
  const e = svc.endpoints?.[network];
  if (!e) return {};
  const ipam = defined({
    IPv4Address: e.ipv4Address,
    IPv6Address: e.ipv6Address,
    LinkLocalIPs: e.linkLocalIps,
  });
  return defined({
    IPAMConfig: Object.keys(ipam).length > 0 ? ipam : undefined,
    MacAddress: e.macAddress,
    DriverOpts: e.driverOpts,
    GwPriority: e.priority,
  });
}

/** Swarm ContainerSpec fields (where Swarm has the key). */
export function swarmContainerSpec(svc: ServiceSpec) {
  const dns = defined({ Nameservers: svc.dns, Search: svc.dnsSearch, Options: svc.dnsOpt });
  return defined({
    User: svc.user,
    Dir: svc.workingDir,
    Hostname: svc.hostname,
    StopSignal: svc.stopSignal,
    StopGracePeriod: svc.stopGracePeriodMs === undefined ? undefined : ns(svc.stopGracePeriodMs),
    OpenStdin: svc.stdinOpen,
    TTY: svc.tty,
    ReadOnly: svc.readOnly,
    Groups: svc.groupAdd,
    DNSConfig: Object.keys(dns).length > 0 ? dns : undefined,
    Ulimits: ulimits(svc),
    CapabilityDrop: svc.capDrop,
  });
}

/** Swarm TaskTemplate fields beyond ContainerSpec (placement and mode: engine-spec.ts). */
export function swarmTask(svc: ServiceSpec) {
  return defined({
    LogDriver: svc.logging?.driver ? { Name: svc.logging.driver, Options: svc.logging.options } : undefined,
  });
}

export function swarmReservations(svc: ServiceSpec) {
  const r = svc.reservations;
  return r ? defined({ MemoryBytes: r.memoryBytes, NanoCPUs: r.nanoCpus }) : undefined;
}

/** DNS names a replica answers to on each network: the service, its aliases, and its container_name. */
export function aliasesOf(svc: ServiceSpec, service: string, network: string): string[] {
  return [
    ...new Set([
      service,
      ...(svc.networkAliases[network] ?? []),
      ...(svc.containerName ? [svc.containerName] : []),
    ]),
  ];
}
