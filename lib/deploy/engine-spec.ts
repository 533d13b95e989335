// AppSpec → Docker engine request bodies (containers, Swarm services, networks, volumes).
// Names and Wharf labels come from the server-side AppTarget, never from the spec. Containers and task templates
// carry an ownership proof bound to their name (lib/docker/owner-proof.ts), and override the reserved labels of the image
// they run (the engine would otherwise copy e.g. an image's `com.docker.swarm.service.id` onto them).
import {
  containerName,
  scopedName,
  swarmServiceName,
  WHARF_NAME_PREFIX,
  wharfLabels,
} from "@/lib/compose/names";
import { blankReservedLabels } from "@/lib/compose/reserved-labels";
import type {
  AppSpec,
  HealthcheckSpec,
  NetworkSpec,
  ServiceSpec,
  SwarmPlacement,
  UpdateConfig,
  VolumeMount,
  VolumeSpec,
} from "@/lib/compose/spec";
import { hostPortText } from "@/lib/compose/syntax";
import { HASH_LABEL, OBJECT_LABEL, REPLICA_LABEL, REVISION_LABEL } from "@/lib/docker/labels";
import { ownerLabel } from "@/lib/docker/owned-labels";
import {
  aliasesOf,
  containerConfig,
  endpointSettings,
  hostConfig,
  refersToService,
  swarmContainerSpec,
  swarmReservations,
  swarmTask,
} from "./engine-options";
import type { AppTarget } from "./types";

export { HASH_LABEL, OBJECT_LABEL, REPLICA_LABEL, REVISION_LABEL };
/** Containers without limits get these, so a tenant's memory and CPU quotas mean something. */
export const DEFAULT_MEMORY_BYTES = 256 * 1024 * 1024;
export const DEFAULT_NANO_CPUS = 250_000_000;

const ms = (v: number) => Math.round(v * 1e6); // engine durations are nanoseconds
const scoped = (t: AppTarget, object: string) => scopedName(t.tenantSlug, t.projectSlug, t.appName, object);
export const networkName = scoped;
export const volumeName = scoped;
export const serviceName = (t: AppTarget, service: string) =>
  swarmServiceName(t.tenantSlug, t.projectSlug, t.appName, service);
export const replicaName = (t: AppTarget, service: string, index: number) =>
  containerName(t.tenantSlug, t.projectSlug, t.appName, service, index);
/** The name a service shows on the engine: its first container (standalone) or its Swarm service. */
export const engineNameOf =
  (t: Pick<AppTarget, "tenantSlug" | "projectSlug" | "appName" | "mode">) => (service: string) =>
    t.mode === "swarm"
      ? swarmServiceName(t.tenantSlug, t.projectSlug, t.appName, service)
      : containerName(t.tenantSlug, t.projectSlug, t.appName, service, 1);
const labelsFor = (t: AppTarget, service?: string) =>
  wharfLabels({ tenantId: t.tenantId, projectId: t.projectId, appId: t.appId, service });
/**
 * What a container or task carries: the user's labels, then the image's reserved ones blanked, then Wharf's own
 * and the spec's hash (later keys win, so nothing the user or the image wrote can stand in for Wharf's).
 */
const runLabels = (
  t: AppTarget,
  service: string,
  svc: ServiceSpec,
  imageLabels: Record<string, string> | undefined,
  hash: string,
) => ({ ...svc.labels, ...blankReservedLabels(imageLabels), ...labelsFor(t, service), [HASH_LABEL]: hash });
const ownerFields = (t: AppTarget, service: string) => ({
  tenant: t.tenantId,
  project: t.projectId,
  app: t.appId,
  service,
});

/** What every (unhashed) name of the app's objects starts with; only Wharf names containers. */
export const appNamePrefix = (t: AppTarget) =>
  `${WHARF_NAME_PREFIX}_${t.tenantSlug}_${t.projectSlug}_${t.appName}_`;

/** The replicas a spec declares, by the names Wharf gives them: what may run, and what its quota hold covers. */
export function declaredReplicaNames(t: AppTarget, spec: { services: Record<string, { replicas: number }> }) {
  const names = new Set<string>();
  for (const [service, svc] of Object.entries(spec.services))
    for (let i = 1; i <= svc.replicas; i++) names.add(replicaName(t, service, i));
  return names;
}

export const memoryOf = (svc: ServiceSpec) => svc.resources.memoryBytes ?? DEFAULT_MEMORY_BYTES;
export const nanoCpusOf = (svc: ServiceSpec) => svc.resources.nanoCpus ?? DEFAULT_NANO_CPUS;

function healthcheck(h: HealthcheckSpec | undefined) {
  if (!h) return undefined;
  if ("disabled" in h) return { Test: ["NONE"] };
  return {
    ...(h.test.length > 0 ? { Test: h.test } : {}),
    Interval: ms(h.intervalMs),
    Timeout: ms(h.timeoutMs),
    Retries: h.retries,
    StartPeriod: ms(h.startPeriodMs),
  };
}

function mount(t: AppTarget, m: VolumeMount, volumes: Record<string, VolumeSpec>) {
  if (m.type === "tmpfs") {
    const opts = {
      ...(m.tmpfsSizeBytes ? { SizeBytes: m.tmpfsSizeBytes } : {}),
      ...(m.tmpfsMode !== undefined ? { Mode: m.tmpfsMode } : {}),
    };
    return {
      Type: "tmpfs",
      Target: m.target,
      ...(Object.keys(opts).length > 0 ? { TmpfsOptions: opts } : {}),
    };
  }
  // npipe and image mounts reach here only on hosts that have them (the plan refuses them elsewhere).
  if (m.type === "npipe" || m.type === "image")
    return {
      Type: m.type,
      Source: m.source,
      Target: m.target,
      ReadOnly: m.readOnly,
      ...(m.type === "image" && m.subpath ? { ImageOptions: { Subpath: m.subpath } } : {}),
    };
  if (m.type === "bind")
    return {
      Type: "bind",
      Source: m.source,
      Target: m.target,
      ReadOnly: m.readOnly,
      ...(m.propagation ? { BindOptions: { Propagation: m.propagation } } : {}),
    }; // admins only (admission policy)
  const options = {
    ...(m.noCopy ? { NoCopy: true } : {}),
    ...(m.subpath ? { Subpath: m.subpath } : {}),
  };
  return m.source
    ? {
        Type: "volume",
        Source: volumeRef(t, m.source, volumes[m.source]),
        Target: m.target,
        ReadOnly: m.readOnly,
        VolumeOptions: { Labels: labelsFor(t), ...options },
      }
    : {
        Type: "volume",
        Target: m.target,
        ReadOnly: m.readOnly,
        ...(Object.keys(options).length > 0 ? { VolumeOptions: options } : {}),
      };
}

/**
 * An external network or volume: the engine name lib/deploy/externals.ts resolved from Wharf's records (an object
 * of one of the tenant's apps, or one an admin shared with the tenant). Never derived here from what the compose
 * file wrote: an unresolved one is a bug, and fails closed.
 */
export function externalName(t: AppTarget, kind: "networks" | "volumes", name: string): string {
  const resolved = t.externals?.[kind][name];
  if (!resolved) throw new Error(`external ${kind} "${name}" was not resolved before the deploy`);
  return resolved;
}

const volumeRef = (t: AppTarget, name: string, vol: VolumeSpec | undefined) =>
  vol?.external ? externalName(t, "volumes", name) : volumeName(t, name);

/** The app's top-level volumes and networks (its AppSpec's), which the service's mounts and networks name. */
type Declared = Pick<AppSpec, "volumes" | "networks">;
const NOTHING_DECLARED: Declared = { volumes: {}, networks: {} };

const env = (svc: ServiceSpec) => Object.entries(svc.environment).map(([k, v]) => `${k}=${v}`);
const aliases = aliasesOf;

export function containerBody(
  t: AppTarget,
  service: string,
  svc: ServiceSpec,
  index: number,
  hash: string,
  revision: number,
  imageLabels: Record<string, string> = {},
  { volumes, networks }: Declared = NOTHING_DECLARED,
) {
  const name = replicaName(t, service, index);
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of svc.ports) {
    const key = `${p.target}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp ?? "", HostPort: hostPortText(p) });
  }
  for (const e of svc.expose) exposed[`${e.target}/${e.protocol}`] = {};
  const firstNet = svc.networkMode ? undefined : svc.networks[0];
  const netRef = (n: string) => networkRef(t, n, networks[n]);
  return {
    name,
    ...containerConfig(svc),
    Image: svc.image,
    ...(svc.command ? { Cmd: svc.command } : {}),
    ...(svc.entrypoint ? { Entrypoint: svc.entrypoint } : {}),
    Env: env(svc),
    Labels: {
      ...runLabels(t, service, svc, imageLabels, hash),
      [REPLICA_LABEL]: String(index),
      [REVISION_LABEL]: String(revision),
      ...ownerLabel("c", ownerFields(t, service), name),
    },
    ExposedPorts: exposed,
    ...(svc.healthcheck ? { Healthcheck: healthcheck(svc.healthcheck) } : {}),
    HostConfig: {
      PortBindings: bindings,
      Mounts: svc.volumes.map((m) => mount(t, m, volumes)),
      RestartPolicy: {
        Name: svc.restart === "no" ? "" : svc.restart,
        ...(svc.restart === "on-failure" ? { MaximumRetryCount: svc.restartMaxRetries ?? 0 } : {}),
      },
      Memory: memoryOf(svc),
      NanoCpus: nanoCpusOf(svc),
      NetworkMode: refersToService(t, svc.networkMode) ?? (firstNet ? netRef(firstNet) : "none"),
      ...(svc.init !== undefined ? { Init: svc.init } : {}),
      ...(svc.extraHosts ? { ExtraHosts: svc.extraHosts } : {}),
      // Fields below only ever pass the admission policy for admins.
      ...(svc.privileged ? { Privileged: true } : {}),
      ...(svc.capAdd ? { CapAdd: svc.capAdd } : {}),
      ...(svc.devices ? { Devices: svc.devices.map(toDevice) } : {}),
      ...(svc.uts ? { UTSMode: svc.uts } : {}),
      ...(svc.cgroup ? { CgroupnsMode: svc.cgroup } : {}),
      ...(svc.usernsMode ? { UsernsMode: svc.usernsMode } : {}),
      ...(svc.securityOpt ? { SecurityOpt: svc.securityOpt } : {}),
      ...(svc.sysctls ? { Sysctls: svc.sysctls } : {}),
      ...(svc.cgroupParent ? { CgroupParent: svc.cgroupParent } : {}),
      ...(svc.runtime ? { Runtime: svc.runtime } : {}),
      ...(svc.deviceCgroupRules ? { DeviceCgroupRules: svc.deviceCgroupRules } : {}),
      ...hostConfig(t, svc),
    },
    NetworkingConfig: firstNet
      ? {
          EndpointsConfig: {
            [netRef(firstNet)]: {
              Aliases: aliases(svc, service, firstNet),
              ...endpointSettings(svc, firstNet),
            },
          },
        }
      : {},
  };
}

/** The networks a replica joins after creation (the first one is set at create time), with aliases. */
export function extraNetworks(
  t: AppTarget,
  service: string,
  svc: ServiceSpec,
  networks: Record<string, NetworkSpec> = {},
): { network: string; aliases: string[]; endpoint: object }[] {
  if (svc.networkMode) return [];
  return svc.networks.slice(1).map((n) => ({
    network: networkRef(t, n, networks[n]),
    aliases: aliases(svc, service, n),
    endpoint: endpointSettings(svc, n),
  }));
}

export const networkRef = (t: AppTarget, name: string, net: NetworkSpec | undefined) =>
  net?.external ? externalName(t, "networks", name) : networkName(t, name);

function toDevice(d: string) {
  const [host, container = host, perms = "rwm"] = d.split(":");
  return { PathOnHost: host, PathInContainer: container, CgroupPermissions: perms };
}

const updateConfig = (u: UpdateConfig) => ({
  Parallelism: u.parallelism,
  Delay: ms(u.delayMs),
  Order: u.order,
  FailureAction: u.failureAction,
  Monitor: ms(u.monitorMs ?? 5000),
  ...(u.maxFailureRatio !== undefined ? { MaxFailureRatio: u.maxFailureRatio } : {}),
});

/**
 * The update a service with a routed domain gets when its file has no `deploy.update_config`: the new task starts
 * and runs before the old one is stopped (Swarm's default, stop-first, would leave a lone replica's route empty;
 * docs/edge.md "Swarm: redeploys and scaling"); otherwise Swarm's defaults, as `docker service create` sets them.
 * None when a fixed host port would keep the new task from starting next to the old one on the same node.
 */
export function routedUpdateConfig(svc: Pick<ServiceSpec, "updateConfig" | "ports">) {
  if (svc.updateConfig || svc.ports.some((p) => p.published)) return null;
  return { Parallelism: 1, Delay: 0, FailureAction: "pause", Monitor: ms(5000), Order: "start-first" };
}

const placement = (p: SwarmPlacement) => ({
  Constraints: p.constraints,
  Preferences: p.preferences.map((SpreadDescriptor) => ({ Spread: { SpreadDescriptor } })),
  ...(p.maxReplicasPerNode ? { MaxReplicas: p.maxReplicasPerNode } : {}),
});

/** A Swarm service (stack deploy model). VIP and the ingress mesh need IPVS, which the kernels we run on lack: DNS round robin and host-mode ports. */
export function serviceBody(
  t: AppTarget,
  service: string,
  svc: ServiceSpec,
  hash: string,
  revision: number,
  imageLabels: Record<string, string> = {},
  { volumes, networks }: Declared = NOTHING_DECLARED,
) {
  // As `docker stack deploy` (cli/compose/convert/service.go convertRestartPolicy): `restart: no` or none written
  // leaves Swarm's default, `any`; only deploy.restart_policy can say `none`.
  const restart = svc.swarmRestartNone ? "none" : svc.restart === "on-failure" ? "on-failure" : "any";
  return {
    Name: serviceName(t, service),
    Labels: {
      ...(svc.deployLabels ?? {}),
      ...labelsFor(t, service),
      [HASH_LABEL]: hash,
      [REVISION_LABEL]: String(revision),
    },
    TaskTemplate: {
      ...swarmTask(svc),
      ContainerSpec: {
        ...swarmContainerSpec(svc),
        Image: svc.image,
        ...(svc.entrypoint ? { Command: svc.entrypoint } : {}),
        ...(svc.command ? { Args: svc.command } : {}),
        Env: env(svc),
        Labels: {
          ...runLabels(t, service, svc, imageLabels, hash),
          ...ownerLabel("t", ownerFields(t, service), serviceName(t, service)),
        },
        Mounts: svc.volumes.map((m) => mount(t, m, volumes)),
        ...(svc.healthcheck ? { Healthcheck: healthcheck(svc.healthcheck) } : {}),
        ...(svc.init !== undefined ? { Init: svc.init } : {}),
        ...(svc.extraHosts ? { Hosts: svc.extraHosts.map((h) => h.split(":").reverse().join(" ")) } : {}),
        ...(svc.capAdd ? { CapabilityAdd: svc.capAdd } : {}),
        ...(svc.sysctls ? { Sysctls: svc.sysctls } : {}),
      },
      Resources: {
        Limits: {
          MemoryBytes: memoryOf(svc),
          NanoCPUs: nanoCpusOf(svc),
          ...(svc.pidsLimit !== undefined ? { Pids: svc.pidsLimit } : {}),
        },
        ...(swarmReservations(svc) ? { Reservations: swarmReservations(svc) } : {}),
      },
      RestartPolicy: {
        Condition: restart,
        ...(svc.restartMaxRetries !== undefined ? { MaxAttempts: svc.restartMaxRetries } : {}),
        ...(svc.restartDelayMs !== undefined ? { Delay: ms(svc.restartDelayMs) } : {}),
        ...(svc.restartWindowMs !== undefined ? { Window: ms(svc.restartWindowMs) } : {}),
      },
      Networks: svc.networks.map((n) => ({
        Target: networkRef(t, n, networks[n]),
        Aliases: aliases(svc, service, n),
      })),
      ...(svc.placement ? { Placement: placement(svc.placement) } : {}),
    },
    Mode: svc.mode === "global" ? { Global: {} } : { Replicated: { Replicas: svc.replicas } },
    ...(svc.updateConfig ? { UpdateConfig: updateConfig(svc.updateConfig) } : {}),
    ...(svc.rollbackConfig ? { RollbackConfig: updateConfig(svc.rollbackConfig) } : {}),
    EndpointSpec: {
      Mode: "dnsrr",
      Ports: svc.ports.map((p) => ({
        Protocol: p.protocol,
        TargetPort: p.target,
        ...(p.published ? { PublishedPort: p.published } : {}),
        PublishMode: "host",
      })),
    },
  };
}

export function networkBody(t: AppTarget, name: string, net: NetworkSpec, hash: string) {
  const swarm = t.mode === "swarm";
  return {
    Name: networkName(t, name),
    Driver: net.driver ?? (swarm ? "overlay" : "bridge"),
    ...(net.internal ? { Internal: true } : {}),
    ...(net.driverOpts ? { Options: net.driverOpts } : {}),
    ...(net.enableIpv6 ? { EnableIPv6: true } : {}),
    ...(net.ipam
      ? {
          IPAM: {
            Driver: net.ipam.driver ?? "default",
            Config: net.ipam.config.map((c) => ({
              ...(c.subnet ? { Subnet: c.subnet } : {}),
              ...(c.ipRange ? { IPRange: c.ipRange } : {}),
              ...(c.gateway ? { Gateway: c.gateway } : {}),
              ...(c.auxAddresses ? { AuxiliaryAddresses: c.auxAddresses } : {}),
            })),
            ...(net.ipam.options ? { Options: net.ipam.options } : {}),
          },
        }
      : {}),
    ...(swarm || net.attachable ? { Attachable: true } : {}),
    Labels: { ...(net.labels ?? {}), ...labelsFor(t), [HASH_LABEL]: hash, [OBJECT_LABEL]: name },
  };
}

export function volumeBody(t: AppTarget, name: string, vol: VolumeSpec) {
  return {
    Name: volumeName(t, name),
    ...(vol.driver ? { Driver: vol.driver } : {}),
    ...(vol.driverOpts ? { DriverOpts: vol.driverOpts } : {}),
    Labels: { ...(vol.labels ?? {}), ...labelsFor(t), [OBJECT_LABEL]: name },
  };
}
