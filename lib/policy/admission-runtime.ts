// Admission rules for the runtime keys of the Compose Specification that can reach past the
// container: logging drivers, ulimits, sysctls outside the namespaced set, scheduling and OOM
// knobs, device requests (gpus, deploy.resources.reservations.devices), the engine socket
// (use_api_socket), network driver options, and external secrets/configs. Read defensively, like
// admission.ts: the spec may come from elsewhere than the compose parser.
import { isRaw, rawOf } from "../compose/raw";
import type { PathSeg } from "../compose/path";

type Loose = Record<string, unknown>;
type Report = (path: PathSeg[], reason: string) => void;

/** Drivers that write where only this container's logs go (the engine's own files). */
const LOG_DRIVERS = new Set(["", "json-file", "local", "none"]);
const LOG_OPTIONS = new Set([
  "max-size",
  "max-file",
  "compress",
  "labels",
  "labels-regex",
  "env",
  "env-regex",
  "tag",
  "mode",
  "max-buffer-size",
]);

/** Kernel parameters Docker namespaces per container (docs: "namespaced kernel parameters"). */
export function isNamespacedSysctl(key: string): boolean {
  const k = key.trim().toLowerCase();
  return (
    k.startsWith("net.") ||
    k.startsWith("fs.mqueue.") ||
    k.startsWith("kernel.msg") ||
    k.startsWith("kernel.shm") ||
    k === "kernel.sem"
  );
}

/** Limits that raise the container's claim on the whole host: realtime priority, nice, locked memory. */
const HOST_ULIMITS = new Set(["rtprio", "rttime", "nice", "memlock"]);
export const MAX_NOFILE = 1_048_576;

const entries = (v: unknown): [string, unknown][] => (isRaw(v) ? Object.entries(v) : []);

export function checkRuntime(svc: Loose, at: (...rest: PathSeg[]) => PathSeg[], report: Report): void {
  const logging = rawOf(svc.logging);
  if (logging) {
    const driver = String(logging.driver ?? "")
      .trim()
      .toLowerCase();
    if (!LOG_DRIVERS.has(driver))
      report(
        at("logging", "driver"),
        `logging driver "${driver}" sends logs outside the engine (syslog, gelf, fluentd… reach other hosts or files); use json-file, local or none`,
      );
    for (const [key] of entries(logging.options))
      if (!LOG_OPTIONS.has(key.trim().toLowerCase()))
        report(
          at("logging", "options", key),
          `logging option "${key}" is not allowed; only max-size, max-file, compress, labels, env, tag and mode are`,
        );
  }
  for (const [name, limit] of entries(svc.ulimits)) {
    const n = name.trim().toLowerCase();
    const hard = Number(rawOf(limit)?.hard ?? limit);
    if (HOST_ULIMITS.has(n))
      report(
        at("ulimits", name),
        `ulimit ${n} raises the container's claim on the host (realtime priority, nice or locked memory)`,
      );
    else if (n === "nofile" && !(hard <= MAX_NOFILE))
      report(at("ulimits", name), `ulimit nofile may be at most ${MAX_NOFILE}`);
  }
  for (const [key] of entries(svc.sysctls))
    if (!isNamespacedSysctl(key))
      report(
        at("sysctls", key),
        `sysctl ${key} is not namespaced: it would change the host's kernel for everyone; only net.*, kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.* are allowed`,
      );
  if (svc.oomKillDisable === true)
    report(at("oom_kill_disable"), "disabling the OOM killer lets the container starve the host of memory");
  if (typeof svc.oomScoreAdj === "number" && svc.oomScoreAdj < 0)
    report(
      at("oom_score_adj"),
      "a negative oom_score_adj makes the host kill other tenants' containers first",
    );
  if (svc.cpuRtRuntime !== undefined || svc.cpuRtPeriod !== undefined)
    report(
      at(svc.cpuRtRuntime !== undefined ? "cpu_rt_runtime" : "cpu_rt_period"),
      "realtime CPU scheduling is not allowed",
    );
  if (Array.isArray(svc.gpus) && svc.gpus.length > 0)
    report(at("gpus"), "host devices (GPUs) cannot be passed into containers");
  const reservations = rawOf(svc.reservations);
  if (Array.isArray(reservations?.devices) && reservations.devices.length > 0)
    report(
      at("deploy", "resources", "reservations", "devices"),
      "host devices cannot be reserved for containers",
    );
  if (svc.useApiSocket === true)
    report(
      at("use_api_socket"),
      "use_api_socket mounts the Docker socket, which gives full control of the host",
    );
}

/** pid / ipc / network_mode / volumes_from pointing at a service of this app pass; any other container does not. */
export function pointsInsideApp(value: string, services: Set<string>): boolean {
  const v = value.trim();
  if (v.startsWith("service:")) return services.has(v.slice("service:".length));
  return false;
}

/** Bridge/overlay driver options that only tune this network; others (bridge.name, parent…) touch host interfaces. */
const NETWORK_OPTS = new Set([
  "com.docker.network.bridge.enable_icc",
  "com.docker.network.bridge.enable_ip_masquerade",
  "com.docker.network.driver.mtu",
  "com.docker.network.container_iface_prefix",
  "encrypted",
]);

export function checkNetworkOptions(net: Loose, at: PathSeg[], report: Report): void {
  for (const [key] of entries(net.driverOpts))
    if (!NETWORK_OPTS.has(key.trim().toLowerCase()))
      report(
        [...at, "driver_opts", key],
        `network driver option "${key}" is not allowed (it can reach host interfaces); only MTU, ICC, masquerading and encryption options are`,
      );
  const ipam = rawOf(net.ipam);
  const driver = String(ipam?.driver ?? "")
    .trim()
    .toLowerCase();
  if (driver !== "" && driver !== "default")
    report([...at, "ipam", "driver"], `IPAM driver "${driver}" is not allowed; use the default one`);
}

/**
 * External Swarm secrets/configs are named by the swarm, not the tenant; a secret driver is a plugin the admin
 * installed, which answers whatever its options ask for: admins only.
 */
export function checkFileObjects(spec: Loose, report: Report): void {
  for (const kind of ["secrets", "configs"] as const)
    for (const [name, obj] of entries(spec[kind])) {
      const o = rawOf(obj);
      if (o?.external === true)
        report(
          [kind, name, "external"],
          `external ${kind} name objects outside this tenant; use content: or environment:`,
        );
      if (o?.driver !== undefined && o.driver !== null && String(o.driver) !== "")
        report(
          [kind, name, "driver"],
          `a secret driver plugin reads values from outside this tenant; use environment: (an app variable)`,
        );
    }
}
