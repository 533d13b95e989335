// Compose short syntaxes: ports, expose, volumes, tmpfs, shell-style commands.
// Each returns a value or `{ error }` so the caller can attach path and line.
import { isOneOf } from "./normalize-fields";
import { ProtocolSchema } from "./spec";
import { parseSizeBytes } from "./units";
import type { ExposeSpec, PortSpec, Protocol, VolumeMount } from "./spec";

export type Result<T> = T | { error: string };
export const isError = (r: unknown): r is { error: string } =>
  typeof r === "object" && r !== null && !Array.isArray(r) && "error" in r;

/** "8080" → [8080, 8080]; "8000-8010" → [8000, 8010]. */
export function parseRange(text: string): [number, number] | null {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return null;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo < 1 || hi > 65535 || hi < lo) return null;
  return [lo, hi];
}

function splitProtocol(text: string): Result<{ rest: string; protocol: Protocol }> {
  const slash = text.lastIndexOf("/");
  if (slash === -1) return { rest: text, protocol: "tcp" };
  const protocol = text.slice(slash + 1).toLowerCase();
  if (!isOneOf(ProtocolSchema.options, protocol))
    return { error: `unknown protocol "${protocol}" (use tcp, udp or sctp)` };
  return { rest: text.slice(0, slash), protocol };
}

/** "[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]", ranges allowed when both sides have the same length. */
export function parsePortShort(input: string | number): Result<PortSpec[]> {
  const bad = { error: `invalid port "${input}" (expected e.g. "80", "8080:80" or "127.0.0.1:8080:80/udp")` };
  const proto = splitProtocol(String(input).trim());
  if (isError(proto)) return proto;
  let rest = proto.rest;
  let hostIp: string | undefined;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]:");
    if (close === -1) return bad;
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(":");
  if (hostIp !== undefined ? parts.length !== 2 : parts.length > 3) return bad;
  if (parts.length === 2 && hostIp === undefined && parts[0] === "") return bad; // ":80"
  if (parts.length === 3) hostIp = parts.shift();
  if (hostIp === "") return bad;
  const target = parseRange(parts[parts.length - 1]);
  const publishedText = parts.length === 2 ? parts[0] : "";
  const published = publishedText === "" ? null : parseRange(publishedText);
  if (!target || (publishedText !== "" && !published)) return bad;
  const count = target[1] - target[0] + 1;
  // Docker's nat.ParsePortSpec: a host range for ONE container port is a pool the engine picks from;
  // a container range needs a host range of the same length.
  const pool = published !== null && count === 1 && published[1] > published[0];
  if (published && !pool && published[1] - published[0] + 1 !== count) {
    return { error: `port ranges in "${input}" must be the same length on both sides` };
  }
  const out: PortSpec[] = [];
  for (let i = 0; i < count; i++) {
    const p: PortSpec = { target: target[0] + i, protocol: proto.protocol };
    if (published) p.published = published[0] + i;
    if (published && pool) p.publishedEnd = published[1];
    if (hostIp !== undefined) p.hostIp = hostIp;
    out.push(p);
  }
  return out;
}

/** expose: "3000", 3000, "3000-3005", "3000/udp". */
export function parseExpose(input: string | number): Result<ExposeSpec[]> {
  const proto = splitProtocol(String(input).trim());
  if (isError(proto)) return proto;
  const range = parseRange(proto.rest);
  if (!range) return { error: `invalid expose port "${input}"` };
  const out: ExposeSpec[] = [];
  for (let p = range[0]; p <= range[1]; p++) out.push({ target: p, protocol: proto.protocol });
  return out;
}

/** Host paths in short syntax start with "/", "." or "~"; anything else is a named volume. */
export function looksLikeHostPath(source: string): boolean {
  return (
    /^[/.~]/.test(source) || /^[A-Za-z]:[\\/]/.test(source) || source.includes("/") || source.includes("\\")
  );
}

const PROPAGATIONS = new Set(["shared", "slave", "private", "rshared", "rslave", "rprivate"]);
const CONSISTENCIES = new Set(["consistent", "cached", "delegated"]);

/** "[SOURCE:]TARGET[:MODES]", MODES a comma list of ro, rw, z, Z, nocopy, a propagation or a consistency. */
export function parseVolumeShort(input: string): Result<VolumeMount> {
  const parts = input.split(":");
  if (parts.length > 3 || parts.some((p) => p === ""))
    return { error: `invalid volume "${input}" (expected "[SOURCE:]TARGET[:MODE]")` };
  const mount: Partial<VolumeMount> = { readOnly: false };
  if (parts.length === 3 || (parts.length === 2 && !parts[1].startsWith("/"))) {
    for (const mode of parts.pop()!.split(",")) {
      if (mode === "ro" || mode === "rw") mount.readOnly = mode === "ro";
      else if (mode === "z" || mode === "Z") mount.selinux = mode;
      else if (mode === "nocopy") mount.noCopy = true;
      else if (PROPAGATIONS.has(mode)) mount.propagation = mode;
      else if (CONSISTENCIES.has(mode)) mount.consistency = mode;
      else
        return {
          error: `volume mode "${mode}" is not a Compose volume mode (ro, rw, z, Z, nocopy, rprivate…)`,
        };
    }
  }
  const target = parts.pop()!;
  if (!target.startsWith("/"))
    return { error: `volume target "${target}" must be an absolute path inside the container` };
  const source = parts.pop();
  const base = { ...mount, target, readOnly: mount.readOnly ?? false };
  if (source === undefined) return { type: "volume", ...base };
  return { type: looksLikeHostPath(source) ? "bind" : "volume", source, ...base };
}

/** Service `tmpfs:` entry: "/run" or "/run:size=64m". */
export function parseTmpfsShort(input: string): Result<VolumeMount> {
  const [target, options] = input.split(/:(.*)/s);
  if (!target.startsWith("/")) return { error: `tmpfs target "${target}" must be an absolute path` };
  const mount: VolumeMount = { type: "tmpfs", target, readOnly: false };
  for (const opt of options ? options.split(",") : []) {
    const m = /^(size|mode)=(.+)$/.exec(opt);
    // Other mount flags (noexec, nosuid, uid=…) are the engine's defaults or have no API field: kept as written by Docker's own parser, not here.
    if (!m) continue;
    if (m[1] === "mode") {
      if (!/^[0-7]{3,4}$/.test(m[2])) return { error: `invalid tmpfs mode "${m[2]}" (octal, e.g. 1777)` };
      mount.tmpfsMode = parseInt(m[2], 8);
      continue;
    }
    const size = parseSizeBytes(m[2]);
    if (!size) return { error: `invalid tmpfs size "${m[2]}"` };
    mount.tmpfsSizeBytes = size;
  }
  return mount;
}

/** Shell-like word splitting for string commands (quotes and backslashes; no expansion). */
export function splitCommand(input: string): Result<string[]> {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === "\\" && i + 1 < input.length && '"\\$`'.includes(input[i + 1])) word += input[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < input.length) {
      word += input[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { error: `unterminated ${quote} quote in command` };
  if (inWord) words.push(word);
  return words;
}

/** A port's host side as the engine takes it: "8080", a pool "6005-6015", or "" (the engine picks). */
export function hostPortText(p: { published?: number; publishedEnd?: number }): string {
  if (p.published === undefined) return "";
  return p.publishedEnd !== undefined ? `${p.published}-${p.publishedEnd}` : String(p.published);
}
