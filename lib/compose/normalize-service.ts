// One compose service (already schema-valid) → ServiceSpec.
import { normalizeBuild } from "./normalize-build";
import {
  isOneOf,
  listOf,
  NEEDS_FOLDER,
  normalizeExpose,
  normalizePorts,
  normalizeTmpfs,
  normalizeVolumes,
  rawOf,
  stringList,
  toLabels,
  toStringMap,
  warnExtensions,
  type Ctx,
  type Raw,
} from "./normalize-fields";
import { normalizeOptions, str, toBool, toBytes, toInt, toMs, toNanoCpus } from "./normalize-options";
import { normalizeSwarmDeploy } from "./normalize-swarm";
import { secretEnvMarks, withoutSecretEnv } from "./secret-env";
import {
  DEPENDS_ON_CONDITIONS,
  UpdateConfigSchema,
  type DependsOnCondition,
  type HealthcheckSpec,
  type RestartPolicy,
  type ServiceSpec,
  type UpdateConfig,
} from "./spec";
import { isError, splitCommand } from "./syntax";
import { WHARF_KEY, wharfDomains } from "./wharf-domains";
import { MAX_REPLICAS, RESTART_POLICIES } from "../validations/compose-limits";
import type { PathSeg } from "./path";

const HEALTHCHECK_DEFAULTS = { intervalMs: 30_000, timeoutMs: 30_000, retries: 3, startPeriodMs: 0 };

const duration = (ctx: Ctx, value: unknown, path: PathSeg[], fallback: number): number =>
  toMs(ctx, value, path) ?? fallback;

function command(ctx: Ctx, value: unknown, path: PathSeg[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  const r = splitCommand(String(value));
  if (isError(r)) ctx.errors.push({ path, message: r.error });
  return isError(r) ? undefined : r;
}

function healthcheck(ctx: Ctx, raw: Raw, path: PathSeg[]): HealthcheckSpec {
  warnExtensions(ctx, raw, path);
  const test = raw.test;
  if (toBool(ctx, raw.disable, [...path, "disable"]) === true || (Array.isArray(test) && test[0] === "NONE"))
    return { disabled: true };
  let argv: string[] = [];
  if (typeof test === "string") argv = ["CMD-SHELL", test];
  else if (Array.isArray(test)) {
    argv = test.map(String);
    if (!["CMD", "CMD-SHELL"].includes(argv[0])) {
      ctx.errors.push({
        path: [...path, "test"],
        message: 'a list test must start with "CMD", "CMD-SHELL" or "NONE"',
      });
    }
  }
  const retries = toInt(ctx, raw.retries, [...path, "retries"]);
  if (retries !== undefined && retries < 0) {
    ctx.errors.push({ path: [...path, "retries"], message: "must be a whole number ≥ 0" });
  }
  const startInterval = toMs(ctx, raw.start_interval, [...path, "start_interval"]);
  return {
    ...(startInterval !== undefined ? { startIntervalMs: startInterval } : {}),
    test: argv,
    intervalMs: duration(ctx, raw.interval, [...path, "interval"], HEALTHCHECK_DEFAULTS.intervalMs),
    timeoutMs: duration(ctx, raw.timeout, [...path, "timeout"], HEALTHCHECK_DEFAULTS.timeoutMs),
    retries: retries ?? HEALTHCHECK_DEFAULTS.retries,
    startPeriodMs: duration(
      ctx,
      raw.start_period,
      [...path, "start_period"],
      HEALTHCHECK_DEFAULTS.startPeriodMs,
    ),
  };
}

function updateConfig(ctx: Ctx, raw: Raw, path: PathSeg[]): UpdateConfig {
  warnExtensions(ctx, raw, path);
  const failureAction = String(raw.failure_action ?? "pause");
  const actions = UpdateConfigSchema.shape.failureAction.options;
  if (!isOneOf(actions, failureAction)) {
    ctx.errors.push({
      path: [...path, "failure_action"],
      message: "must be one of: continue, rollback, pause",
    });
  }
  const parallelism = toInt(ctx, raw.parallelism, [...path, "parallelism"]) ?? 1;
  if (parallelism < 0)
    ctx.errors.push({ path: [...path, "parallelism"], message: "must be ≥ 0 (0 means all at once)" });
  const monitorMs = toMs(ctx, raw.monitor, [...path, "monitor"]);
  const ratio = raw.max_failure_ratio === undefined ? undefined : Number(raw.max_failure_ratio);
  if (ratio !== undefined && !(ratio >= 0 && ratio <= 1))
    ctx.errors.push({ path: [...path, "max_failure_ratio"], message: "must be a number from 0 to 1" });
  return {
    parallelism,
    delayMs: duration(ctx, raw.delay, [...path, "delay"], 0),
    // The schema allowed only these values; a refused failure_action is already an error above.
    order: isOneOf(UpdateConfigSchema.shape.order.options, raw.order) ? raw.order : "stop-first",
    failureAction: isOneOf(actions, failureAction) ? failureAction : "pause",
    ...(monitorMs !== undefined ? { monitorMs } : {}),
    ...(ratio !== undefined ? { maxFailureRatio: ratio } : {}),
  };
}

/** `restart:` ("on-failure:3" allowed) and deploy.restart_policy must agree when both are given. */
function restart(
  ctx: Ctx,
  raw: Raw,
  deploy: Raw,
  base: PathSeg[],
): { policy: RestartPolicy; maxRetries?: number; swarmNone?: true } {
  let policy: RestartPolicy = "no";
  let maxRetries: number | undefined;
  if (raw.restart !== undefined) {
    const m = /^(no|always|on-failure|unless-stopped)(?::(\d+))?$/.exec(String(raw.restart));
    const named = m?.[1];
    if (!m || !isOneOf(RESTART_POLICIES, named) || (m[2] !== undefined && named !== "on-failure")) {
      ctx.errors.push({
        path: [...base, "restart"],
        message: `must be one of: ${RESTART_POLICIES.join(", ")} (or on-failure:N)`,
      });
    } else {
      policy = named;
      if (m[2] !== undefined) maxRetries = Number(m[2]);
    }
  }
  const rp = rawOf(deploy.restart_policy);
  if (!rp) return { policy, maxRetries };
  const at = [...base, "deploy", "restart_policy"];
  warnExtensions(ctx, rp, at);
  const mapped = ({ none: "no", "on-failure": "on-failure", any: "always" } as const)[
    String(rp.condition ?? "any")
  ];
  if (!mapped) {
    ctx.errors.push({ path: [...at, "condition"], message: "must be one of: none, on-failure, any" });
    return { policy, maxRetries };
  }
  const attempts = toInt(ctx, rp.max_attempts, [...at, "max_attempts"]);
  if (attempts !== undefined && attempts < 0)
    ctx.errors.push({ path: [...at, "max_attempts"], message: "must be a whole number ≥ 0" });
  // As in Compose, deploy.restart_policy wins over restart: when both are written.
  if (raw.restart !== undefined && policy !== mapped)
    ctx.warnings.push(
      `services.${String(base[1])}: deploy.restart_policy overrides restart: ${String(raw.restart)}`,
    );
  return {
    policy: mapped,
    maxRetries: attempts ?? maxRetries,
    ...(mapped === "no" ? { swarmNone: true as const } : {}),
  };
}

function networks(raw: Raw): { names: string[]; aliases: Record<string, string[]> } {
  const value = raw.networks;
  if (value === undefined) return { names: [], aliases: {} };
  if (Array.isArray(value)) return { names: value.map(String), aliases: {} };
  const aliases: Record<string, string[]> = {};
  for (const [net, cfg] of Object.entries(rawOf(value) ?? {})) {
    const list = stringList(rawOf(cfg)?.aliases);
    if (list?.length) aliases[net] = list;
  }
  return { names: Object.keys(rawOf(value) ?? {}), aliases };
}

type DependsOn = { condition: DependsOnCondition; restart?: boolean; required?: boolean };

function dependsOn(ctx: Ctx, raw: Raw, base: PathSeg[]): Record<string, DependsOn> {
  const value = raw.depends_on;
  const out: Record<string, DependsOn> = {};
  if (Array.isArray(value)) for (const s of value.map(String)) out[s] = { condition: "service_started" };
  else if (value)
    for (const [s, entry] of Object.entries(rawOf(value) ?? {})) {
      const cfg = rawOf(entry) ?? {};
      const dep: DependsOn = {
        condition: isOneOf(DEPENDS_ON_CONDITIONS, cfg.condition) ? cfg.condition : "service_started",
      };
      const restart = toBool(ctx, cfg.restart, [...base, "depends_on", s, "restart"]);
      const required = toBool(ctx, cfg.required, [...base, "depends_on", s, "required"]);
      if (restart !== undefined) dep.restart = restart;
      if (required !== undefined) dep.required = required;
      out[s] = dep;
    }
  return out;
}

function extraHosts(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  // "host:ip" and (newer spec) "host=ip"; the mapping form may list several addresses per host.
  if (Array.isArray(value)) return value.map((h) => String(h).replace(/^([^:=]+)=/, "$1:"));
  return Object.entries(rawOf(value) ?? {}).flatMap(([host, ip]) =>
    (Array.isArray(ip) ? ip : [ip]).map((a) => `${host}:${String(a)}`),
  );
}

/** Keys that read files next to the compose file: Wharf has no such folder until the repository or archive source. */
const FILE_KEYS = ["env_file", "label_file"] as const;

export function normalizeService(ctx: Ctx, name: string, raw: Raw): ServiceSpec {
  const base: PathSeg[] = ["services", name];
  const at = (...rest: PathSeg[]) => [...base, ...rest];
  warnExtensions(ctx, withoutWharfKeys(raw), base);
  if (
    (raw.image === undefined || raw.image === "") &&
    raw.build === undefined &&
    raw.provider !== undefined
  ) {
    // compose-go accepts a provider with no image: `docker compose` runs a docker-<type> CLI plugin for it.
    ctx.errors.push({
      path: at("provider"),
      message: `a provider service is run by a Compose CLI plugin (docker-${String(rawOf(raw.provider)?.type ?? "<type>")}) on the machine running docker compose; the Docker Engine has no API for it — run that service outside Wharf and give its address as an app variable`,
    });
  } else if (
    (raw.image === undefined || raw.image === "") &&
    raw.build === undefined &&
    // extends.file refused for want of a folder: its base, which may name the image, was never read.
    !ctx.errors.some((e) => e.path[1] === name && e.path[2] === "extends" && e.path[3] === "file")
  ) {
    ctx.errors.push({
      path: at("image"),
      message: "image is required — or build: with a git repository to build it from (see Builds)",
    });
  }
  for (const key of FILE_KEYS)
    if (raw[key] !== undefined)
      ctx.errors.push({
        path: at(key),
        message: `${key} ${NEEDS_FOLDER} — put the values under ${key === "env_file" ? "environment" : "labels"}: or in the app's variables`,
      });
  const deploy = rawOf(raw.deploy) ?? {};
  warnExtensions(ctx, deploy, at("deploy"));
  const replicas =
    toInt(
      ctx,
      deploy.replicas ?? raw.scale,
      at(
        deploy.replicas !== undefined ? "deploy" : "scale",
        ...(deploy.replicas !== undefined ? ["replicas"] : []),
      ),
    ) ?? 1;
  if (replicas < 0 || replicas > MAX_REPLICAS)
    ctx.errors.push({ path: at("deploy", "replicas"), message: `must be between 0 and ${MAX_REPLICAS}` });

  warnExtensions(ctx, deploy.resources, at("deploy", "resources"));
  const limits = rawOf(rawOf(deploy.resources)?.limits) ?? {};
  warnExtensions(ctx, limits, at("deploy", "resources", "limits"));
  // Per-entry maps of networks and depends_on may carry x- keys too.
  for (const key of ["networks", "depends_on"] as const) {
    const value = raw[key];
    if (value && !Array.isArray(value))
      for (const [k, v] of Object.entries(rawOf(value) ?? {})) warnExtensions(ctx, v, at(key, k));
  }
  // deploy.resources.limits wins over the service-level mem_limit / cpus, as in Compose.
  const resources: ServiceSpec["resources"] = {};
  const memory =
    limits.memory !== undefined
      ? toBytes(ctx, limits.memory, at("deploy", "resources", "limits", "memory"))
      : toBytes(ctx, raw.mem_limit, at("mem_limit"));
  if (memory !== undefined) resources.memoryBytes = memory;
  const cpus =
    limits.cpus !== undefined
      ? toNanoCpus(ctx, limits.cpus, at("deploy", "resources", "limits", "cpus"))
      : toNanoCpus(ctx, raw.cpus, at("cpus"));
  if (cpus !== undefined) resources.nanoCpus = cpus;

  const { policy, maxRetries, swarmNone } = restart(ctx, raw, deploy, base);
  const nets = networks(raw);
  const swarm = normalizeSwarmDeploy(ctx, deploy, at("deploy"));
  const environment = toStringMap(
    ctx,
    raw.environment,
    at("environment"),
    "environment variable",
    "variable",
  );
  const options = normalizeOptions(ctx, raw, base);
  // Built without spreads: a literal that spreads an object of varying keys gave V8 a new shape per service,
  // which made this function most of a 200-service file's normalization (bench:compose, node --cpu-prof).
  const core = {
    image: str(raw.image) ?? "",
    build: raw.build === undefined ? undefined : normalizeBuild(ctx, raw.build, at("build")),
    command: command(ctx, raw.command, at("command")),
    entrypoint: command(ctx, raw.entrypoint, at("entrypoint")),
    environment,
    secretEnv: secretEnvMarks(ctx, raw, base, environment),
    domains: wharfDomains(ctx, raw, base),
    ports: normalizePorts(ctx, listOf(raw.ports), at("ports")),
    expose: normalizeExpose(ctx, listOf(raw.expose), at("expose")),
    // tmpfs entries go last so volumes[i] keeps matching the compose file's index.
    volumes: [
      ...normalizeVolumes(ctx, listOf(raw.volumes), at("volumes")),
      ...(raw.tmpfs === undefined ? [] : normalizeTmpfs(ctx, raw.tmpfs, at("tmpfs"))),
    ],
    networks: nets.names,
    networkAliases: nets.aliases,
    dependsOn: dependsOn(ctx, raw, base),
    healthcheck: raw.healthcheck
      ? healthcheck(ctx, rawOf(raw.healthcheck) ?? {}, at("healthcheck"))
      : undefined,
    restart: policy,
    restartMaxRetries: maxRetries,
    ...(swarmNone ? { swarmRestartNone: swarmNone } : {}),
    labels: toLabels(ctx, raw.labels, at("labels")),
    replicas,
    resources,
    updateConfig: deploy.update_config
      ? updateConfig(ctx, rawOf(deploy.update_config) ?? {}, at("deploy", "update_config"))
      : undefined,
    rollbackConfig: deploy.rollback_config
      ? updateConfig(ctx, rawOf(deploy.rollback_config) ?? {}, at("deploy", "rollback_config"))
      : undefined,
    extraHosts: extraHosts(raw.extra_hosts),
    init: toBool(ctx, raw.init, at("init")),
    privileged: toBool(ctx, raw.privileged, at("privileged")),
    capAdd: stringList(raw.cap_add),
    devices: devices(raw.devices),
    networkMode: str(raw.network_mode),
    pid: str(raw.pid),
    ipc: str(raw.ipc),
    uts: str(raw.uts),
    cgroup: str(raw.cgroup),
    usernsMode: str(raw.userns_mode),
    securityOpt: stringList(raw.security_opt),
    sysctls: raw.sysctls === undefined ? undefined : toStringMap(ctx, raw.sysctls, at("sysctls"), "sysctl"),
    volumesFrom: stringList(raw.volumes_from),
    cgroupParent: str(raw.cgroup_parent),
    runtime: str(raw.runtime),
    deviceCgroupRules: stringList(raw.device_cgroup_rules),
  };
  return definedOnly(options, core, swarm) satisfies ServiceSpec;
}

/** The parts merged (later wins) without undefined optionals, so specs compare and serialize cleanly. One pass. */
function definedOnly<A extends object, B extends object, C extends object>(a: A, b: B, c: C): A & B & C {
  const out: Record<string, unknown> = {};
  for (const part of [a, b, c] as Record<string, unknown>[])
    for (const key in part) if (part[key] !== undefined) out[key] = part[key];
  return out as A & B & C;
}

/** devices: "host[:container[:perms]]" or the long form {source, target, permissions}. */
function devices(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return listOf(value).map((d) => {
    if (typeof d === "string") return d;
    const o = rawOf(d) ?? {};
    return [o.source, o.target ?? o.source, o.permissions ?? "rwm"].map(String).join(":");
  });
}

/** The service without Wharf's own x- keys, so the generic "extension field ignored" warning skips them. */
function withoutWharfKeys(raw: Raw): Raw {
  const { [WHARF_KEY]: _wharf, ...rest } = withoutSecretEnv(raw);
  return rest;
}
