// AppSpec → the effective compose file, like `docker compose config`: every service in long form,
// units written back as Compose writes them (durations "30s", sizes in bytes), defaults made explicit.
// What GET /api/v1/apps/{id}/compose returns, and what the conformance corpus compares with its reference.
import { hostPortText } from "./syntax";
import type { AppSpec, HealthcheckSpec, ServiceSpec, UpdateConfig, VolumeMount } from "./spec";
import type { FileObject } from "./spec-options";

type Out = Record<string, unknown>;

/** Go-style duration, as Compose writes them: 90000 → "1m30s", 500 → "500ms". */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${+s.toFixed(3)}s` : ""}`;
}

/** Drops undefined values and empty objects/lists, so the export reads like a hand-written file. */
function compact(o: Out): Out {
  const out: Out = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

function healthcheck(h: HealthcheckSpec): Out {
  if ("disabled" in h) return { disable: true };
  return compact({
    test: h.test.length > 0 ? h.test : undefined,
    interval: formatDuration(h.intervalMs),
    timeout: formatDuration(h.timeoutMs),
    retries: h.retries,
    start_period: formatDuration(h.startPeriodMs),
    start_interval: h.startIntervalMs === undefined ? undefined : formatDuration(h.startIntervalMs),
  });
}

function mount(m: VolumeMount): Out {
  return compact({
    type: m.type,
    source: m.source,
    target: m.target,
    read_only: m.readOnly || undefined,
    consistency: m.consistency,
    bind: compact({ propagation: m.propagation, selinux: m.selinux }),
    volume: compact({ nocopy: m.noCopy, subpath: m.subpath }),
    tmpfs: compact({ size: m.tmpfsSizeBytes, mode: m.tmpfsMode }),
  });
}

const update = (u: UpdateConfig | undefined) =>
  u &&
  compact({
    parallelism: u.parallelism,
    delay: formatDuration(u.delayMs),
    order: u.order,
    failure_action: u.failureAction,
    monitor: u.monitorMs === undefined ? undefined : formatDuration(u.monitorMs),
    max_failure_ratio: u.maxFailureRatio,
  });

function deploy(svc: ServiceSpec): Out {
  const limits = compact({
    memory: svc.resources.memoryBytes,
    cpus: svc.resources.nanoCpus === undefined ? undefined : String(svc.resources.nanoCpus / 1e9),
    pids: svc.pidsLimit,
  });
  const r = svc.reservations;
  const reservations = r
    ? compact({
        memory: r.memoryBytes,
        cpus: r.nanoCpus === undefined ? undefined : String(r.nanoCpus / 1e9),
      })
    : {};
  return compact({
    mode: svc.mode,
    replicas: svc.mode === "global" ? undefined : svc.replicas,
    labels: svc.deployLabels,
    placement: svc.placement
      ? compact({
          constraints: svc.placement.constraints,
          preferences: svc.placement.preferences.map((spread) => ({ spread })),
          max_replicas_per_node: svc.placement.maxReplicasPerNode,
        })
      : undefined,
    resources: compact({ limits, reservations }),
    // Only `none` needs saying: without it Swarm restarts tasks (as docker stack deploy), `restart:` says the rest.
    restart_policy: svc.swarmRestartNone ? { condition: "none" } : undefined,
    update_config: update(svc.updateConfig),
    rollback_config: update(svc.rollbackConfig),
  });
}

function networks(svc: ServiceSpec): Out {
  const out: Out = {};
  for (const net of svc.networks) {
    const e = svc.endpoints?.[net];
    const cfg = compact({
      aliases: svc.networkAliases[net],
      ipv4_address: e?.ipv4Address,
      ipv6_address: e?.ipv6Address,
      link_local_ips: e?.linkLocalIps,
      mac_address: e?.macAddress,
      priority: e?.priority,
      driver_opts: e?.driverOpts,
    });
    out[net] = Object.keys(cfg).length > 0 ? cfg : null;
  }
  return out;
}

const fileRefs = (refs: ServiceSpec["secrets"]) =>
  refs?.map((r) => compact({ source: r.source, target: r.target, uid: r.uid, gid: r.gid, mode: r.mode }));

export function exportService(svc: ServiceSpec): Out {
  return compact({
    image: svc.image || undefined,
    build: svc.build
      ? compact({
          context: svc.build.ref ? `${svc.build.context}#${svc.build.ref}` : svc.build.context,
          dockerfile: svc.build.dockerfile,
          args: svc.build.args,
          target: svc.build.target,
        })
      : undefined,
    command: svc.command,
    entrypoint: svc.entrypoint,
    environment: svc.environment,
    "x-wharf-secret-env": svc.secretEnv,
    "x-wharf": svc.domains
      ? {
          domains: svc.domains.map((d) =>
            compact({
              host: d.host,
              port: d.port,
              path: d.pathPrefix === "/" ? undefined : d.pathPrefix,
              redirect_https: d.redirectHttps ? undefined : false,
              basic_auth: d.basicAuth
                ? { username: d.basicAuth.username, password_hash: d.basicAuth.hash }
                : undefined,
            }),
          ),
        }
      : undefined,
    ports: svc.ports.map((p) =>
      compact({
        target: p.target,
        published: p.published === undefined ? undefined : hostPortText(p),
        protocol: p.protocol,
        host_ip: p.hostIp,
      }),
    ),
    expose: svc.expose.map((e) => (e.protocol === "tcp" ? String(e.target) : `${e.target}/${e.protocol}`)),
    volumes: svc.volumes.map(mount),
    networks: svc.networkMode ? undefined : networks(svc),
    network_mode: svc.networkMode,
    depends_on: Object.fromEntries(
      Object.entries(svc.dependsOn).map(([k, d]) => [
        k,
        compact({ condition: d.condition, restart: d.restart, required: d.required ?? true }),
      ]),
    ),
    healthcheck: svc.healthcheck ? healthcheck(svc.healthcheck) : undefined,
    restart:
      svc.restart === "on-failure" && svc.restartMaxRetries !== undefined
        ? `on-failure:${svc.restartMaxRetries}`
        : svc.restart,
    labels: svc.labels,
    deploy: deploy(svc),
    user: svc.user,
    working_dir: svc.workingDir,
    hostname: svc.hostname,
    domainname: svc.domainname,
    mac_address: svc.macAddress,
    container_name: svc.containerName,
    stop_signal: svc.stopSignal,
    stop_grace_period:
      svc.stopGracePeriodMs === undefined ? undefined : formatDuration(svc.stopGracePeriodMs),
    stdin_open: svc.stdinOpen,
    tty: svc.tty,
    init: svc.init,
    read_only: svc.readOnly,
    shm_size: svc.shmSizeBytes,
    ulimits: svc.ulimits,
    sysctls: svc.sysctls,
    dns: svc.dns,
    dns_opt: svc.dnsOpt,
    dns_search: svc.dnsSearch,
    extra_hosts: svc.extraHosts,
    group_add: svc.groupAdd,
    cap_add: svc.capAdd,
    cap_drop: svc.capDrop,
    logging: svc.logging ? compact({ driver: svc.logging.driver, options: svc.logging.options }) : undefined,
    pull_policy: svc.pullPolicy,
    platform: svc.platform,
    links: svc.links,
    external_links: svc.externalLinks,
    profiles: svc.profiles,
    annotations: svc.annotations,
    storage_opt: svc.storageOpt,
    mem_reservation: svc.memReservationBytes,
    memswap_limit: svc.memSwapBytes,
    mem_swappiness: svc.memSwappiness,
    oom_kill_disable: svc.oomKillDisable,
    oom_score_adj: svc.oomScoreAdj,
    cpu_shares: svc.cpuShares,
    cpu_period: svc.cpuPeriod,
    cpu_quota: svc.cpuQuota,
    cpu_rt_period: svc.cpuRtPeriod,
    cpu_rt_runtime: svc.cpuRtRuntime,
    cpuset: svc.cpuset,
    cpu_count: svc.cpuCount,
    cpu_percent: svc.cpuPercent,
    privileged: svc.privileged,
    devices: svc.devices,
    pid: svc.pid,
    ipc: svc.ipc,
    uts: svc.uts,
    cgroup: svc.cgroup,
    userns_mode: svc.usernsMode,
    security_opt: svc.securityOpt,
    volumes_from: svc.volumesFrom,
    cgroup_parent: svc.cgroupParent,
    runtime: svc.runtime,
    device_cgroup_rules: svc.deviceCgroupRules,
    secrets: fileRefs(svc.secrets),
    configs: fileRefs(svc.configs),
  });
}

/** Values of secrets are never exported: only where they come from. */
const fileObject = (f: FileObject) =>
  compact({
    environment: f.variable,
    content: f.content !== undefined && f.variable === undefined ? f.content : undefined,
    external: f.external,
    name: f.externalName,
    labels: f.labels,
    template_driver: f.templateDriver,
    driver: f.driver,
    driver_opts: f.driverOpts,
  });

export function exportCompose(spec: AppSpec, options: { redactConfigs?: boolean } = {}): Out {
  // An object with no settings is written as `name:` (null), like Compose, so it is not dropped as empty.
  const objects = (rec: Record<string, Out>) =>
    Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, Object.keys(v).length > 0 ? v : null]));
  return compact({
    name: spec.name,
    services: Object.fromEntries(Object.entries(spec.services).map(([n, s]) => [n, exportService(s)])),
    networks: objects(
      Object.fromEntries(
        Object.entries(spec.networks).map(([n, net]) => [
          n,
          compact({
            driver: net.driver,
            driver_opts: net.driverOpts,
            internal: net.internal,
            attachable: net.attachable,
            enable_ipv6: net.enableIpv6,
            ipam: net.ipam
              ? compact({
                  driver: net.ipam.driver,
                  config: net.ipam.config.map((c) =>
                    compact({
                      subnet: c.subnet,
                      ip_range: c.ipRange,
                      gateway: c.gateway,
                      aux_addresses: c.auxAddresses,
                    }),
                  ),
                  options: net.ipam.options,
                })
              : undefined,
            external: net.external,
            name: net.externalName,
            labels: net.labels,
          }),
        ]),
      ),
    ),
    volumes: objects(
      Object.fromEntries(
        Object.entries(spec.volumes).map(([n, v]) => [
          n,
          compact({
            driver: v.driver,
            driver_opts: v.driverOpts,
            external: v.external,
            name: v.externalName,
            labels: v.labels,
          }),
        ]),
      ),
    ),
    secrets: spec.secrets
      ? Object.fromEntries(
          Object.entries(spec.secrets).map(([n, f]) => [n, fileObject({ ...f, content: undefined })]),
        )
      : undefined,
    configs: spec.configs
      ? Object.fromEntries(
          Object.entries(spec.configs).map(([n, f]) => [
            n,
            fileObject(options.redactConfigs ? { ...f, content: undefined } : f),
          ]),
        )
      : undefined,
  });
}
