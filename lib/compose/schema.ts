// JSON-schema validation of the raw compose value against Wharf's subset of
// the Compose Specification schema. Keys outside the subset come back as
// `additionalProperties` errors, which we turn into "not supported" refusals
// naming the key path (never silently ignored).
import Ajv, { type ErrorObject } from "ajv";
import composeSchema from "./compose-spec.schema.json";
import type { PathSeg } from "./path";

export type SchemaError = { path: PathSeg[]; message: string };

/** Specific refusals for well-known keys. */
const KEY_MESSAGES: Record<string, string> = {
  container_name:
    "container_name is not supported — Wharf names containers itself (wharf_<tenant>_<project>_<app>_<service>_<n>)",
  env_file:
    "env_file is not supported — Wharf does not read files from the server; put the values under environment",
  extends:
    "extends is not supported — Wharf does not read other files; inline the service, or use YAML anchors",
  include: "include is not supported — Wharf does not read other files",
  external: "external is not supported — Wharf only uses networks and volumes it creates for this app",
};

/** Keys the Compose Specification defines that Wharf does not support yet (anywhere in the file). */
const KNOWN_COMPOSE_KEYS = new Set(
  (
    "annotations attach blkio_config build cap_drop cgroup_parent configs container_name cpu_count cpu_percent cpu_period " +
    "cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset credential_spec develop dns dns_opt dns_search domainname " +
    "driver_opts enable_ipv6 endpoint_mode env_file extends external external_links gpus group_add hostname include ipam " +
    "isolation labels links logging mac_address mem_limit mem_reservation mem_swappiness memswap_limit mode models name " +
    "oom_kill_disable oom_score_adj placement platform post_start pre_stop profiles provider pull_policy read_only " +
    "reservations scale secrets shm_size stdin_open stop_grace_period stop_signal storage_opt tty ulimits user " +
    "volume bind consistency working_dir ipv4_address ipv6_address link_local_ips priority mac_address driver " +
    "delay window monitor max_failure_ratio pids devices app_protocol gw_priority interface_name start_interval " +
    "nocopy subpath propagation create_host_path selinux uid gid recursive " +
    "cache_from cache_to ssh additional_contexts tags no_cache pull platforms dockerfile_inline"
  ).split(/\s+/),
);

export function unsupportedKeyMessage(key: string): string {
  if (key in KEY_MESSAGES) return KEY_MESSAGES[key];
  if (KNOWN_COMPOSE_KEYS.has(key)) return `${key} is not supported by Wharf yet`;
  return `${key} is not a Compose key Wharf knows (misspelled?)`;
}

let validateFn: ReturnType<Ajv["compile"]> | undefined;
function validator() {
  // Compiled once, lazily: compiling is the expensive part.
  validateFn ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(composeSchema);
  return validateFn;
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  array: "a list",
  object: "a mapping",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  null: "empty",
};

function pointerToPath(pointer: string, data: unknown): PathSeg[] {
  if (pointer === "") return [];
  const path: PathSeg[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const seg = Array.isArray(node) ? Number(key) : key;
    path.push(seg);
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

function describe(err: ErrorObject): { extra?: string; message: string } {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case "additionalProperties": {
      const key = String(p.additionalProperty);
      return { extra: key, message: unsupportedKeyMessage(key) };
    }
    case "required":
      return { extra: String(p.missingProperty), message: "is required" };
    case "type": {
      const types = String(p.type)
        .split(",")
        .map((t) => TYPE_WORDS[t] ?? t);
      return { message: `must be ${types.join(" or ")}` };
    }
    case "enum":
      return { message: `must be one of: ${(p.allowedValues as unknown[]).join(", ")}` };
    case "uniqueItems":
      return { message: "must not contain duplicate entries" };
    default:
      return { message: err.message ?? "is invalid" };
  }
}

export function validateComposeSchema(data: unknown): SchemaError[] {
  const validate = validator();
  if (validate(data)) return [];
  const seen = new Set<string>();
  const out: SchemaError[] = [];
  for (const err of validate.errors ?? []) {
    const { extra, message } = describe(err);
    const path = pointerToPath(err.instancePath, data);
    if (extra !== undefined) path.push(extra);
    const key = `${JSON.stringify(path)}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}
