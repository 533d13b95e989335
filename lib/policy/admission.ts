// Admission policy: may this actor create this AppSpec? Admins may do
// anything. Everyone else is refused anything that reaches the host or other
// tenants: privileged mode, host paths (bind mounts in any spelling, the
// Docker socket), host namespaces, extra capabilities, devices, sysctls,
// unconfined security profiles, non-default runtimes.
//
// The spec may come from places other than the compose parser, so every field
// is read defensively (letter case, raw "host:container" strings, Docker API
// style casing) instead of trusting the AppSpec types.
import { z } from "zod";
import { checkFileObjects, checkNetworkOptions, checkRuntime, pointsInsideApp } from "./admission-runtime";
import { exposesDockerSocket, isHostPathSource, normalizeHostPath } from "./host-paths";
import { formatPath, type PathSeg } from "../compose/path";
import { reservedLabelMessage, reservedLabelPrefix } from "../compose/reserved-labels";

export type Actor = { isAdmin: boolean };
export type Violation = { path: string; reason: string };
export type AdmissionResult = { allowed: true } | { allowed: false; violations: Violation[] };

type Loose = Record<string, unknown>;
/** Any object in the spec, read field by field; anything else (a string, an array, null) reads as {}. */
const LooseObject = z.record(z.string(), z.unknown()).catch({});
const loosen = (v: unknown): Loose => LooseObject.parse(v);
type Report = (path: PathSeg[], reason: string) => void;

const SOCKET_REASON = "mounts the Docker socket, which gives full control of the host";
const lower = (v: unknown) =>
  typeof v === "string"
    ? v.trim().toLowerCase()
    : v === undefined || v === null
      ? ""
      : String(v).toLowerCase();
const nonEmpty = (v: unknown) =>
  Array.isArray(v)
    ? v.length > 0
    : v !== null && typeof v === "object"
      ? Object.keys(v).length > 0
      : lower(v) !== "";
const isTrue = (v: unknown) => v === true || v === 1 || lower(v) === "true";

function checkMount(entry: unknown, at: PathSeg[], report: Report): void {
  let type: string;
  let source: string;
  if (typeof entry === "string") {
    // Binds-style "host:container[:mode]"; a single path is an anonymous volume.
    const colon = entry.indexOf(":");
    source = colon === -1 ? "" : entry.slice(0, colon);
    type = source !== "" && isHostPathSource(source) ? "bind" : "volume";
  } else {
    const m = loosen(entry);
    type = lower(m.type ?? m.Type ?? "volume");
    source = String(m.source ?? m.Source ?? "");
  }
  if (source !== "" && (type === "bind" || isHostPathSource(source)) && exposesDockerSocket(source))
    return report(at, SOCKET_REASON);
  if (type === "bind") return report(at, "bind-mounts a host path; only named volumes and tmpfs are allowed");
  if (type !== "volume" && type !== "tmpfs")
    return report(at, `mount type "${type}" is not allowed; only named volumes and tmpfs are allowed`);
  if (type === "volume" && source !== "" && isHostPathSource(source)) {
    report(at, `volume source "${source}" is a host path; only named volumes are allowed`);
  }
}

/** network_mode / pid / ipc / uts / cgroup / userns_mode: only private (namespaced) values pass. */
const NAMESPACE_FIELDS: { field: string; key: string; allowed: string[] }[] = [
  { field: "networkMode", key: "network_mode", allowed: ["none"] },
  { field: "pid", key: "pid", allowed: [""] },
  { field: "ipc", key: "ipc", allowed: ["", "none", "private", "shareable"] },
  { field: "uts", key: "uts", allowed: [""] },
  { field: "cgroup", key: "cgroup", allowed: ["", "private"] },
  { field: "usernsMode", key: "userns_mode", allowed: [""] },
];

function namespaceReason(key: string, value: string): string {
  if (value === "host") return `${key}: host shares the host's namespace`;
  if (value.startsWith("container:") || value.startsWith("service:"))
    return `${key}: ${value} joins another container's namespace`;
  if (key === "network_mode")
    return `network_mode: ${value} attaches outside this app's networks (the default bridge and other networks are shared); use networks: instead`;
  return `${key}: ${value} is not allowed`;
}

/** Unconfining spellings: seccomp=unconfined, apparmor:unconfined, label=disable, systempaths=unconfined. */
function securityOptReason(opt: unknown): string | null {
  const text = lower(opt);
  const [key, value = ""] = text.split(/[=:](.*)/s).map((s) => s.trim());
  if (key === "no-new-privileges" && ["", "true", "false"].includes(value)) return null;
  const unconfined =
    ((key === "seccomp" || key === "apparmor" || key === "systempaths") && value === "unconfined") ||
    (key === "label" && value === "disable");
  if (unconfined) return `security_opt "${String(opt).trim()}" removes the container's confinement`;
  return `security_opt "${String(opt).trim()}" is not allowed; only no-new-privileges is`;
}

function checkLabels(labels: unknown, at: PathSeg[], report: Report): void {
  if (!labels || typeof labels !== "object") return;
  for (const key of Object.keys(labels)) {
    if (reservedLabelPrefix(key)) report([...at, key], reservedLabelMessage(key));
  }
}

function checkService(name: string, svc: Loose, report: Report, services: Set<string>): void {
  const at = (...rest: PathSeg[]): PathSeg[] => ["services", name, ...rest];
  if (isTrue(svc.privileged)) report(at("privileged"), "privileged containers have full access to the host");
  const volumes = Array.isArray(svc.volumes) ? svc.volumes : [];
  volumes.forEach((v, i) => checkMount(v, at("volumes", i), report));
  for (const { field, key, allowed } of NAMESPACE_FIELDS) {
    const value = lower(svc[field]);
    if (svc[field] !== undefined && !allowed.includes(value) && !pointsInsideApp(value, services))
      report(at(key), namespaceReason(key, value));
  }
  if (nonEmpty(svc.capAdd)) report(at("cap_add"), "adding Linux capabilities is not allowed");
  if (nonEmpty(svc.devices)) report(at("devices"), "host devices cannot be passed into containers");
  if (nonEmpty(svc.deviceCgroupRules))
    report(at("device_cgroup_rules"), "device cgroup rules grant access to host devices");
  const securityOpt = Array.isArray(svc.securityOpt)
    ? svc.securityOpt
    : nonEmpty(svc.securityOpt)
      ? [svc.securityOpt]
      : [];
  securityOpt.forEach((opt, i) => {
    const reason = securityOptReason(opt);
    if (reason) report(at("security_opt", i), reason);
  });
  const volumesFrom = Array.isArray(svc.volumesFrom)
    ? svc.volumesFrom
    : nonEmpty(svc.volumesFrom)
      ? [svc.volumesFrom]
      : [];
  // A service of this app (by name, as Compose writes it) is fine; "container:x" or any other name is not.
  if (volumesFrom.some((v) => !services.has(String(v).split(":")[0]) || String(v).startsWith("container:")))
    report(
      at("volumes_from"),
      "volumes_from can reach other containers' mounts; only services of this app may be named",
    );
  checkRuntime(svc, at, report);
  if (nonEmpty(svc.cgroupParent)) report(at("cgroup_parent"), "choosing the cgroup parent is not allowed");
  if (nonEmpty(svc.runtime))
    report(
      at("runtime"),
      `runtime "${String(svc.runtime).trim()}" is not allowed; only the default runtime is`,
    );
  checkLabels(svc.labels, at("labels"), report);
}

/** Local-driver options that turn a named volume into a bind mount: o=bind / rbind, or any device=. */
function checkDriverOpts(opts: unknown, at: PathSeg[], report: Report): void {
  const entries: [PathSeg, string, string][] = [];
  if (Array.isArray(opts)) {
    opts.forEach((o, i) => {
      const [k, v = ""] = String(o).split(/[=:](.*)/s);
      entries.push([i, k, v]);
    });
  } else if (opts && typeof opts === "object") {
    for (const [k, v] of Object.entries(opts)) entries.push([k, k, String(v ?? "")]);
  }
  for (const [seg, key, value] of entries) {
    const k = key.trim().toLowerCase();
    const flags = value.split(",").map((f) => f.trim().toLowerCase());
    if (k === "device" && exposesDockerSocket(value)) report([...at, seg], SOCKET_REASON);
    else if (k === "device")
      report(
        [...at, seg],
        `driver option device=${normalizeHostPath(value)} points the volume at a host path or device`,
      );
    else if (k === "o" && flags.some((f) => f === "bind" || f === "rbind"))
      report([...at, seg], "driver option o=bind turns the volume into a bind mount");
  }
}

const NETWORK_DRIVERS = ["", "bridge", "overlay"];

/** `spec` is checked as given, before (or without) the AppSpec shape check: every field may be missing or odd. */
export function checkAdmission(spec: unknown, actor: Actor): AdmissionResult {
  if (actor.isAdmin) return { allowed: true };
  const violations: Violation[] = [];
  const report: Report = (path, reason) => void violations.push({ path: formatPath(path), reason });
  const loose = loosen(spec);
  const services = new Set(Object.keys(loosen(loose.services)));
  for (const [name, svc] of Object.entries(loosen(loose.services)))
    checkService(name, loosen(svc), report, services);
  checkFileObjects(loose, report);
  for (const [name, v] of Object.entries(loosen(loose.volumes))) {
    const vol = loosen(v);
    checkDriverOpts(vol.driverOpts ?? vol.driver_opts, ["volumes", name, "driver_opts"], report);
    checkLabels(vol.labels, ["volumes", name, "labels"], report);
  }
  for (const [name, n] of Object.entries(loosen(loose.networks))) {
    const net = loosen(n);
    const driver = lower(net.driver);
    if (!NETWORK_DRIVERS.includes(driver)) {
      report(
        ["networks", name, "driver"],
        `network driver "${driver}" is not allowed (macvlan, ipvlan and host attach to the host's network); use bridge or overlay`,
      );
    }
    checkLabels(net.labels, ["networks", name, "labels"], report);
    checkNetworkOptions(net, ["networks", name], report);
  }
  return violations.length === 0 ? { allowed: true } : { allowed: false, violations };
}
