// Field-level normalizers shared by services, networks and volumes. The raw
// value has already passed the JSON schema, so only shapes it allows arrive.
import { formatPath, type PathSeg } from "./path";
import { isRaw, listOf, rawOf, type Raw } from "./raw";
import { reservedLabelMessage, reservedLabelPrefix } from "./reserved-labels";
import { MOUNT_TYPES, ProtocolSchema, type ExposeSpec, type PortSpec, type VolumeMount } from "./spec";
import {
  isError,
  parseExpose,
  parsePortShort,
  parseRange,
  parseTmpfsShort,
  parseVolumeShort,
} from "./syntax";
import { parseSizeBytes } from "./units";

export type Issue = { path: PathSeg[]; message: string };
/** `variables`: the app's variables, for `environment: [NAME]` entries without a value (Compose reads the shell). */
export type Ctx = {
  errors: Issue[];
  warnings: string[];
  variables?: Readonly<Record<string, string>>;
  folder?: FolderFiles;
};
/** The app's folder, when it has one (repository or archive source): file: contents by root-relative path. */
export type FolderFiles = { files: Readonly<Record<string, string>> };
export { isRaw, listOf, rawOf, type Raw };

/** Whether `v` is one of a closed set's values (a guard, so the value is typed as that set's member). */
export const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T =>
  values.some((x) => x === v);
/** A list of strings the schema allowed (numbers as text); absent as undefined. */
export const stringList = (v: unknown): string[] | undefined =>
  v === undefined || v === null ? undefined : listOf(v).map((x) => String(x));

export const NEEDS_FOLDER =
  "reads a file next to the compose file, and Wharf has no folder for this app yet (that comes with a repository or archive source)";

/** "./x", "../x", "x/y": relative to the compose file's folder (absolute paths and ~ are the server's own, for the policy). */
const isRelativePath = (p: string) => !p.startsWith("/") && !p.startsWith("~") && !/^[A-Za-z]:[\\/]/.test(p);

/** Compose ignores `x-*` extension keys; we do too, but say so. */
export function warnExtensions(ctx: Ctx, obj: unknown, path: PathSeg[]): void {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return;
  for (const key of Object.keys(obj)) {
    if (key.startsWith("x-")) ctx.warnings.push(`${formatPath([...path, key])}: extension field ignored`);
  }
}

/**
 * A service's Wharf extension key (`x-wharf`, `x-wharf-secret-env`): its value and path when present and of the
 * shape `is` accepts; absent, undefined; any other shape, an error at its path ("must be <shape>") and undefined.
 */
export function wharfExtension<T>(
  ctx: Ctx,
  raw: Raw,
  path: PathSeg[],
  key: string,
  is: (v: unknown) => v is T,
  shape: string,
): { value: T; at: PathSeg[] } | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  const at = [...path, key];
  if (is(value)) return { value, at };
  ctx.errors.push({ path: at, message: `must be ${shape}` });
  return undefined;
}

/**
 * list ("K=V") or mapping → string map. An entry without a value means, in Compose, "copy it from the shell":
 * for `environment` that is the app's variables (never the server's environment), left out when unset, as
 * Compose does; for labels and the like an empty string; `refuse` elsewhere.
 */
export function toStringMap(
  ctx: Ctx,
  value: unknown,
  path: PathSeg[],
  what: string,
  missing: "refuse" | "empty" | "variable" = "empty",
): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, v: string) =>
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  const noValue = (key: string, at: PathSeg[]) => {
    if (missing === "empty") return put(key, "");
    if (missing === "variable") {
      const vars = ctx.variables ?? {};
      if (Object.prototype.hasOwnProperty.call(vars, key)) return put(key, vars[key]);
      ctx.warnings.push(
        `${formatPath(at)}: ${key} is not among the app's variables; left unset, as Compose does`,
      );
      return;
    }
    ctx.errors.push({ path: at, message: noHost(key) });
  };
  const noHost = (key: string) => `${what} "${key}" has no value; write ${key}=value`;
  if (Array.isArray(value)) {
    value.forEach((item: string, i) => {
      const eq = item.indexOf("=");
      if (item.startsWith("__proto__="))
        ctx.errors.push({ path: [...path, i], message: `${what} name "__proto__" is not allowed` });
      else if (eq === 0)
        ctx.errors.push({ path: [...path, i], message: `${what} entry "${item}" has an empty name` });
      else if (eq < 0) noValue(item, [...path, i]);
      else put(item.slice(0, eq), item.slice(eq + 1));
    });
  } else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "__proto__")
        ctx.errors.push({ path: [...path, key], message: `${what} name "__proto__" is not allowed` });
      else if (v === null || v === undefined) noValue(key, [...path, key]);
      else put(key, String(v));
    }
  }
  return out;
}

/** Labels, with the namespaces Wharf and Docker read (lib/compose/reserved-labels.ts) refused. */
export function toLabels(ctx: Ctx, value: unknown, path: PathSeg[]): Record<string, string> {
  const labels = toStringMap(ctx, value, path, "label");
  for (const key of Object.keys(labels)) {
    if (!reservedLabelPrefix(key)) continue;
    const at = Array.isArray(value) ? value.findIndex((l: string) => l.startsWith(`${key}=`)) : key;
    ctx.errors.push({ path: [...path, at], message: reservedLabelMessage(key) });
  }
  return labels;
}

/** Long-form port `mode`: host is how Wharf publishes anyway; ingress needs the routing mesh (IPVS). */
function checkPortMode(ctx: Ctx, mode: unknown, at: PathSeg[]): void {
  if (mode === undefined || mode === "host") return;
  if (mode === "ingress")
    ctx.warnings.push(
      `${formatPath(at)}: ingress needs the routing mesh (IPVS); Wharf publishes Swarm ports in host mode on each node running a task`,
    );
  else ctx.errors.push({ path: at, message: "must be one of: host, ingress" });
}

export function normalizePorts(ctx: Ctx, raw: unknown[], path: PathSeg[]): PortSpec[] {
  const out: PortSpec[] = [];
  raw.forEach((item, i) => {
    const at = [...path, i];
    if (typeof item === "string" || typeof item === "number") {
      const r = parsePortShort(item);
      if (isError(r)) ctx.errors.push({ path: at, message: r.error });
      else out.push(...r);
      return;
    }
    const long = rawOf(item) ?? {};
    warnExtensions(ctx, long, at);
    checkPortMode(ctx, long.mode, [...at, "mode"]);
    const target = Number(long.target);
    const protocol = String(long.protocol ?? "tcp").toLowerCase();
    const publishedText = long.published === undefined ? "" : String(long.published);
    // A published range in the long form ("8000-8010") is a pool: the engine binds one free port of it.
    const published = publishedText === "" ? undefined : parseRange(publishedText);
    if (!Number.isInteger(target) || target < 1 || target > 65535)
      ctx.errors.push({ path: [...at, "target"], message: "must be a port between 1 and 65535" });
    else if (published === null) {
      ctx.errors.push({
        path: [...at, "published"],
        message: 'must be a port or a range of ports between 1 and 65535 (e.g. "8080" or "8000-8010")',
      });
    } else if (!isOneOf(ProtocolSchema.options, protocol)) {
      ctx.errors.push({ path: [...at, "protocol"], message: "must be one of: tcp, udp, sctp" });
    } else {
      const p: PortSpec = { target, protocol };
      if (published !== undefined) p.published = published[0];
      if (published !== undefined && published[1] > published[0]) p.publishedEnd = published[1];
      if (long.host_ip !== undefined) p.hostIp = String(long.host_ip);
      out.push(p);
    }
  });
  return out;
}

export function normalizeExpose(ctx: Ctx, raw: unknown[], path: PathSeg[]): ExposeSpec[] {
  const out: ExposeSpec[] = [];
  raw.forEach((item, i) => {
    const r = parseExpose(typeof item === "number" ? item : String(item));
    if (isError(r)) ctx.errors.push({ path: [...path, i], message: r.error });
    else out.push(...r);
  });
  return out;
}

export function normalizeVolumes(ctx: Ctx, raw: unknown[], path: PathSeg[]): VolumeMount[] {
  const out: VolumeMount[] = [];
  const relative = (m: VolumeMount, at: PathSeg[]) => {
    if (m.type !== "bind" || m.source === undefined || !isRelativePath(m.source)) return false;
    ctx.errors.push({
      path: at,
      message: `the bind mount of "${m.source}" ${NEEDS_FOLDER.replace("reads a file", "reads a folder")} — use a named volume`,
    });
    return true;
  };
  raw.forEach((item, i) => {
    const at = [...path, i];
    if (typeof item === "string") {
      const r = parseVolumeShort(item);
      if (isError(r)) ctx.errors.push({ path: at, message: r.error });
      else if (!relative(r, at)) out.push(r);
      return;
    }
    const long = rawOf(item) ?? {};
    warnExtensions(ctx, long, at);
    // Letter case is normalized ("Bind" → "bind") so the admission policy sees the real type.
    const type = String(long.type).toLowerCase();
    const target = String(long.target ?? "");
    const source = long.source === undefined ? undefined : String(long.source);
    if (!isOneOf(MOUNT_TYPES, type))
      return ctx.errors.push({
        path: [...at, "type"],
        message: `volume type "${String(long.type)}" is not a Compose mount type (use volume, bind or tmpfs)`,
      });
    // A named pipe is a Windows path (\\.\pipe\name) on both sides; every other target is a Linux path.
    if (type === "npipe" ? !/^[\\/]{2}\.[\\/]pipe[\\/]./i.test(target) : !target.startsWith("/"))
      return ctx.errors.push({
        path: [...at, "target"],
        message:
          type === "npipe"
            ? "must be a Windows named pipe path such as \\\\.\\pipe\\docker_engine"
            : "must be an absolute path inside the container",
      });
    if ((type === "bind" || type === "npipe" || type === "image") && !source)
      return ctx.errors.push({ path: [...at, "source"], message: "a bind mount needs a source path" });
    if (type === "tmpfs" && source !== undefined)
      return ctx.errors.push({ path: [...at, "source"], message: "a tmpfs mount has no source" });
    if (long.tmpfs !== undefined && type !== "tmpfs")
      return ctx.errors.push({ path: [...at, "tmpfs"], message: "only allowed with type: tmpfs" });
    // npipe, image and cluster mounts are valid Compose: the plan says which host they need (checkTopology).
    const mount: VolumeMount = {
      type,
      target,
      readOnly: long.read_only === true || String(long.read_only) === "true",
    };
    if (source !== undefined) mount.source = source;
    const bind = rawOf(long.bind);
    if (bind?.propagation !== undefined) mount.propagation = String(bind.propagation);
    if (bind?.selinux !== undefined) mount.selinux = String(bind.selinux) === "Z" ? "Z" : "z";
    const image = rawOf(long.image);
    if (image?.subpath !== undefined) mount.subpath = String(image.subpath);
    const vol = rawOf(long.volume);
    if (vol?.nocopy !== undefined) mount.noCopy = String(vol.nocopy) === "true";
    if (vol?.subpath !== undefined) mount.subpath = String(vol.subpath);
    if (long.consistency !== undefined) mount.consistency = String(long.consistency);
    const mode = rawOf(long.tmpfs)?.mode;
    if (mode !== undefined)
      mount.tmpfsMode = /^0?[0-7]{3,4}$/.test(String(mode)) ? parseInt(String(mode), 8) : Number(mode);
    warnExtensions(ctx, long.tmpfs, [...at, "tmpfs"]);
    const size = rawOf(long.tmpfs)?.size;
    if (size !== undefined) {
      const bytes = parseSizeBytes(size);
      if (!bytes)
        return ctx.errors.push({
          path: [...at, "tmpfs", "size"],
          message: `invalid size "${size}" (e.g. "64m", "1g" or bytes)`,
        });
      mount.tmpfsSizeBytes = bytes;
    }
    if (!relative(mount, at)) out.push(mount);
  });
  return out;
}

/** tmpfs: one "path[:options]" or a list of them (the schema allows only strings). */
export function normalizeTmpfs(ctx: Ctx, raw: unknown, path: PathSeg[]): VolumeMount[] {
  const list = Array.isArray(raw) ? listOf(raw) : [raw];
  const out: VolumeMount[] = [];
  list.forEach((item, i) => {
    const r = parseTmpfsShort(String(item));
    if (isError(r)) ctx.errors.push({ path: Array.isArray(raw) ? [...path, i] : path, message: r.error });
    else out.push(r);
  });
  return out;
}
