// The service keys of the Compose Specification beyond the core (image, ports, volumes…): schema-valid
// raw values → ServiceOptions (spec-options.ts), units resolved. Strings are accepted wherever the
// specification allows them for interpolation ("3", "true"), like Compose does.
import { listOf, rawOf, toLabels, toStringMap, type Ctx, type Raw } from "./normalize-fields";
import { parseDurationMs, parseNanoCpus, parseSizeBytes } from "./units";
import type { PathSeg } from "./path";
import type { DeviceRequest, Endpoint, FileRef, ServiceOptionsSchema, Ulimit } from "./spec-options";
import type { z } from "zod";

type Options = z.infer<typeof ServiceOptionsSchema>;

export const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
const strings = (v: unknown) =>
  v === undefined || v === null ? undefined : (Array.isArray(v) ? v : [v]).map((x) => String(x));

export function toInt(ctx: Ctx, v: unknown, path: PathSeg[]): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "number" ? v : Number(String(v).trim());
  if (!Number.isInteger(n)) {
    ctx.errors.push({ path, message: `"${String(v)}" must be a whole number` });
    return undefined;
  }
  return n;
}

export function toBool(ctx: Ctx, v: unknown, path: PathSeg[]): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  const s = String(v).trim().toLowerCase();
  if (["true", "yes", "1"].includes(s)) return true;
  if (["false", "no", "0"].includes(s)) return false;
  ctx.errors.push({ path, message: `"${String(v)}" must be true or false` });
  return undefined;
}

export function toBytes(ctx: Ctx, v: unknown, path: PathSeg[]): number | undefined {
  if (v === undefined || v === null) return undefined;
  const b = parseSizeBytes(v);
  if (!b) ctx.errors.push({ path, message: `invalid size "${String(v)}" (e.g. "64m", "1g" or bytes)` });
  return b ?? undefined;
}

export function toMs(ctx: Ctx, v: unknown, path: PathSeg[]): number | undefined {
  if (v === undefined || v === null) return undefined;
  const ms = parseDurationMs(v);
  if (ms === null)
    ctx.errors.push({
      path,
      message: `invalid duration "${String(v)}" — write a number with a unit, e.g. "30s", "1m30s" or "500ms"`,
    });
  return ms ?? undefined;
}

export function toNanoCpus(ctx: Ctx, v: unknown, path: PathSeg[]): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = parseNanoCpus(v);
  if (!n) ctx.errors.push({ path, message: `invalid cpus "${String(v)}" (e.g. 0.5 or "2")` });
  return n ?? undefined;
}

function ulimits(ctx: Ctx, raw: unknown, path: PathSeg[]): Record<string, Ulimit> | undefined {
  if (raw === undefined) return undefined;
  const out: Record<string, Ulimit> = {};
  for (const [name, v] of Object.entries(rawOf(raw) ?? {})) {
    if (v !== null && typeof v === "object") {
      const o = rawOf(v) ?? {};
      const soft = toInt(ctx, o.soft, [...path, name, "soft"]) ?? 0;
      const hard = toInt(ctx, o.hard, [...path, name, "hard"]) ?? 0;
      out[name] = { soft, hard };
    } else {
      const n = toInt(ctx, v, [...path, name]) ?? 0;
      out[name] = { soft: n, hard: n };
    }
  }
  return out;
}

/** secrets:/configs: of a service — "name" or {source, target, uid, gid, mode}. */
function fileRefs(ctx: Ctx, raw: unknown, path: PathSeg[]): FileRef[] | undefined {
  if (raw === undefined) return undefined;
  return listOf(raw).map((item, i) => {
    if (typeof item === "string") return { source: item };
    const o = rawOf(item) ?? {};
    const ref: FileRef = { source: String(o.source) };
    if (o.target !== undefined) ref.target = String(o.target);
    if (o.uid !== undefined) ref.uid = String(o.uid);
    if (o.gid !== undefined) ref.gid = String(o.gid);
    if (o.mode !== undefined) {
      // YAML 1.2 reads 0440 as decimal 440; Compose documents modes in octal, so digits 0-7 are read as octal.
      const text = String(o.mode);
      const mode = /^0?[0-7]{3,4}$/.test(text) ? parseInt(text, 8) : toInt(ctx, o.mode, [...path, i, "mode"]);
      if (mode !== undefined) ref.mode = mode;
    }
    return ref;
  });
}

export function deviceRequests(ctx: Ctx, raw: unknown, path: PathSeg[]): DeviceRequest[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw === "all") return [{ count: -1, capabilities: [["gpu"]] }];
  return listOf(raw).map((item, i) => {
    const d = rawOf(item) ?? {};
    const out: DeviceRequest = {
      capabilities: d.capabilities ? [strings(d.capabilities) ?? []] : [["gpu"]],
    };
    if (d.driver !== undefined) out.driver = String(d.driver);
    if (d.count !== undefined)
      out.count = d.count === "all" ? -1 : toInt(ctx, d.count, [...path, i, "count"]);
    if (d.device_ids !== undefined) out.deviceIds = strings(d.device_ids);
    if (d.options !== undefined) out.options = toStringMap(ctx, d.options, [...path, i, "options"], "option");
    return out;
  });
}

function endpoints(ctx: Ctx, raw: unknown, path: PathSeg[]): Record<string, Endpoint> | undefined {
  if (raw === undefined || Array.isArray(raw)) return undefined;
  const out: Record<string, Endpoint> = {};
  for (const [net, value] of Object.entries(rawOf(raw) ?? {})) {
    const cfg = rawOf(value);
    if (!cfg) continue;
    const e: Endpoint = {};
    if (cfg.ipv4_address !== undefined) e.ipv4Address = String(cfg.ipv4_address);
    if (cfg.ipv6_address !== undefined) e.ipv6Address = String(cfg.ipv6_address);
    if (cfg.link_local_ips !== undefined) e.linkLocalIps = strings(cfg.link_local_ips);
    if (cfg.mac_address !== undefined) e.macAddress = String(cfg.mac_address);
    const priority = cfg.gw_priority ?? cfg.priority;
    if (priority !== undefined) e.priority = toInt(ctx, priority, [...path, net, "priority"]);
    if (cfg.driver_opts !== undefined)
      e.driverOpts = toStringMap(ctx, cfg.driver_opts, [...path, net, "driver_opts"], "driver option");
    if (Object.keys(e).length > 0) out[net] = e;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** deploy.* beyond replicas/resources limits/update/rollback/restart (normalize-service.ts). */
function deployOptions(ctx: Ctx, deploy: Raw, at: (...p: PathSeg[]) => PathSeg[]): Partial<Options> {
  const out: Partial<Options> = {};
  if (deploy.labels !== undefined) out.deployLabels = toLabels(ctx, deploy.labels, at("deploy", "labels"));
  const reservations = rawOf(rawOf(deploy.resources)?.reservations);
  if (reservations) {
    const r = at("deploy", "resources", "reservations");
    out.reservations = {
      memoryBytes: toBytes(ctx, reservations.memory, [...r, "memory"]),
      nanoCpus: toNanoCpus(ctx, reservations.cpus, [...r, "cpus"]),
      devices: deviceRequests(ctx, reservations.devices, [...r, "devices"]),
    };
  }
  const rp = rawOf(deploy.restart_policy);
  if (rp?.delay !== undefined)
    out.restartDelayMs = toMs(ctx, rp.delay, at("deploy", "restart_policy", "delay"));
  if (rp?.window !== undefined)
    out.restartWindowMs = toMs(ctx, rp.window, at("deploy", "restart_policy", "window"));
  return out;
}

export function normalizeOptions(ctx: Ctx, raw: Raw, base: PathSeg[]): Options {
  const at = (...rest: PathSeg[]) => [...base, ...rest];
  const deploy = rawOf(raw.deploy) ?? {};
  const limits = rawOf(rawOf(deploy.resources)?.limits) ?? {};
  const logging = rawOf(raw.logging);
  const o: Options = {
    user: str(raw.user),
    workingDir: str(raw.working_dir),
    hostname: str(raw.hostname),
    domainname: str(raw.domainname),
    macAddress: str(raw.mac_address),
    stopSignal: str(raw.stop_signal),
    stopGracePeriodMs: toMs(ctx, raw.stop_grace_period, at("stop_grace_period")),
    stdinOpen: toBool(ctx, raw.stdin_open, at("stdin_open")),
    tty: toBool(ctx, raw.tty, at("tty")),
    readOnly: toBool(ctx, raw.read_only, at("read_only")),
    shmSizeBytes: toBytes(ctx, raw.shm_size, at("shm_size")),
    pidsLimit: toInt(
      ctx,
      limits.pids ?? raw.pids_limit,
      limits.pids !== undefined ? at("deploy", "resources", "limits", "pids") : at("pids_limit"),
    ),
    ulimits: ulimits(ctx, raw.ulimits, at("ulimits")),
    dns: strings(raw.dns),
    dnsOpt: strings(raw.dns_opt),
    dnsSearch: strings(raw.dns_search),
    groupAdd: strings(raw.group_add),
    capDrop: strings(raw.cap_drop),
    logging: logging
      ? {
          driver: str(logging.driver),
          options: toStringMap(ctx, logging.options ?? {}, at("logging", "options"), "logging option"),
        }
      : undefined,
    pullPolicy: str(raw.pull_policy),
    platform: str(raw.platform),
    containerName: str(raw.container_name),
    links: strings(raw.links),
    externalLinks: strings(raw.external_links),
    profiles: strings(raw.profiles),
    annotations:
      raw.annotations === undefined
        ? undefined
        : toStringMap(ctx, raw.annotations, at("annotations"), "annotation"),
    storageOpt:
      raw.storage_opt === undefined
        ? undefined
        : toStringMap(ctx, raw.storage_opt, at("storage_opt"), "storage option"),
    oomKillDisable: toBool(ctx, raw.oom_kill_disable, at("oom_kill_disable")),
    oomScoreAdj: toInt(ctx, raw.oom_score_adj, at("oom_score_adj")),
    memReservationBytes: toBytes(ctx, raw.mem_reservation, at("mem_reservation")),
    memSwapBytes:
      raw.memswap_limit === undefined
        ? undefined
        : String(raw.memswap_limit) === "-1"
          ? -1
          : toBytes(ctx, raw.memswap_limit, at("memswap_limit")),
    memSwappiness: toInt(ctx, raw.mem_swappiness, at("mem_swappiness")),
    cpuShares: toInt(ctx, raw.cpu_shares, at("cpu_shares")),
    cpuPeriod: toInt(ctx, raw.cpu_period, at("cpu_period")),
    cpuQuota: toInt(ctx, raw.cpu_quota, at("cpu_quota")),
    cpuRtPeriod: toInt(ctx, raw.cpu_rt_period, at("cpu_rt_period")),
    cpuRtRuntime: toInt(ctx, raw.cpu_rt_runtime, at("cpu_rt_runtime")),
    cpuset: str(raw.cpuset),
    cpuCount: toInt(ctx, raw.cpu_count, at("cpu_count")),
    cpuPercent: toInt(ctx, raw.cpu_percent, at("cpu_percent")),
    blkioWeight: toInt(ctx, rawOf(raw.blkio_config)?.weight, at("blkio_config", "weight")),
    gpus: deviceRequests(ctx, raw.gpus, at("gpus")),
    useApiSocket: toBool(ctx, raw.use_api_socket, at("use_api_socket")),
    secrets: fileRefs(ctx, raw.secrets, at("secrets")),
    configs: fileRefs(ctx, raw.configs, at("configs")),
    endpoints: endpoints(ctx, raw.networks, at("networks")),
    ...deployOptions(ctx, deploy, at),
  };
  return o;
}
