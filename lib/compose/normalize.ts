// Schema-valid compose value → AppSpec, plus the cross-reference checks a
// schema cannot express (names, declared networks/volumes, depends_on graph).
import { engineToken, SWARM_SAFE_RE } from "./engine-token";
import { stringList, toLabels, toStringMap, warnExtensions, type Ctx, type Raw } from "./normalize-fields";
import { normalizeService } from "./normalize-service";
import { externalOf, normalizeFileObject, normalizeNetworkOptions, resolveExtends } from "./normalize-top";
import { rawOf } from "./raw";
import { type AppSpec, type NetworkSpec, type ServiceSpec, type VolumeSpec } from "./spec";
import { looksLikeHostPath } from "./syntax";
import { APP_NAME_RE, COMPOSE_NAME_RE, ENGINE_NAME_RE, MAX_SERVICES } from "../validations/compose-limits";

const DEFAULT_NETWORK = "default";

/** A section of named mappings (services:, secrets:, configs:): the schema lets only mappings through there. */
const mapsOf = (v: unknown): Record<string, Raw> =>
  Object.fromEntries(Object.entries(rawOf(v) ?? {}).map(([k, x]) => [k, rawOf(x) ?? {}]));

function checkName(ctx: Ctx, kind: string, section: string, name: string): boolean {
  if (COMPOSE_NAME_RE.test(name)) return true;
  ctx.errors.push({
    path: [section, name],
    message: `${kind} name "${name}" is invalid — use letters, digits, "_", "." or "-", at most 255 characters`,
  });
  return false;
}

function normalizeNetwork(ctx: Ctx, name: string, raw: Raw | null): NetworkSpec {
  const out: NetworkSpec = {};
  if (!raw) return out;
  warnExtensions(ctx, raw, ["networks", name]);
  if (raw.driver !== undefined) out.driver = String(raw.driver);
  if (raw.internal !== undefined) out.internal = String(raw.internal) === "true";
  if (raw.attachable !== undefined) out.attachable = String(raw.attachable) === "true";
  if (raw.labels !== undefined) out.labels = toLabels(ctx, raw.labels, ["networks", name, "labels"]);
  Object.assign(out, normalizeNetworkOptions(ctx, name, raw));
  return out;
}

function normalizeVolume(ctx: Ctx, name: string, raw: Raw | null): VolumeSpec {
  const out: VolumeSpec = {};
  if (!raw) return out;
  warnExtensions(ctx, raw, ["volumes", name]);
  if (raw.driver !== undefined) out.driver = String(raw.driver);
  if (raw.driver_opts !== undefined)
    out.driverOpts = toStringMap(ctx, raw.driver_opts, ["volumes", name, "driver_opts"], "driver option");
  if (raw.labels !== undefined) out.labels = toLabels(ctx, raw.labels, ["volumes", name, "labels"]);
  Object.assign(out, externalOf(raw));
  return out;
}

/**
 * An external network or volume names an object on the host. Which ones a tenant may name (its own apps' objects,
 * or ones an admin shared with it) is decided from Wharf's records when the app is planned (lib/deploy/externals.ts).
 */
function checkExternalNames(ctx: Ctx, spec: AppSpec): void {
  for (const kind of ["networks", "volumes"] as const)
    for (const [name, obj] of Object.entries(spec[kind])) {
      const written = obj.externalName ?? name;
      if (obj.external && !ENGINE_NAME_RE.test(written))
        ctx.errors.push({
          path: [kind, name, "external"],
          message: `"${written}" is not a ${kind === "networks" ? "network" : "volume"} name Docker accepts (letters, digits, _ . -)`,
        });
    }
}

/** links: ["db:database"] — the linked service also answers to the alias, on every network it joins (Compose's behaviour on user-defined networks). */
function applyLinks(spec: AppSpec): void {
  for (const svc of Object.values(spec.services))
    for (const link of svc.links ?? []) {
      const [target, alias] = link.split(":");
      const linked = spec.services[target];
      if (!linked || !alias || alias === target) continue;
      for (const net of linked.networks) {
        const list = (linked.networkAliases[net] ??= []);
        if (!list.includes(alias)) list.push(alias);
      }
    }
}

/**
 * Two names of one kind must not become the same engine name (engineToken): only a name written as another's mapped
 * form (`web-1a2b3c4d` beside `Web`) could, and it is refused rather than renamed.
 */
function checkEngineTokens(ctx: Ctx, spec: AppSpec): void {
  const kinds = [
    ["services", (n: string) => [engineToken(n), engineToken(n, SWARM_SAFE_RE)]],
    ["networks", (n: string) => [engineToken(n)]],
    ["volumes", (n: string) => [engineToken(n)]],
    ["secrets", (n: string) => [engineToken(n)]],
    ["configs", (n: string) => [engineToken(n)]],
  ] as const;
  for (const [kind, tokensOf] of kinds) {
    const seen = new Map<string, string>();
    for (const name of Object.keys(spec[kind] ?? {}))
      for (const token of tokensOf(name)) {
        const other = seen.get(token);
        if (other !== undefined && other !== name)
          ctx.errors.push({
            path: [kind, name],
            message: `"${name}" and "${other}" would have the same engine name (${token}) — rename one`,
          });
        seen.set(token, name);
      }
  }
}

/** References between services, networks and volumes. */
function checkReferences(ctx: Ctx, spec: AppSpec, raw: Raw): void {
  checkExternalNames(ctx, spec);
  checkEngineTokens(ctx, spec);
  for (const [name, svc] of Object.entries(spec.services))
    for (const link of svc.links ?? []) {
      const target = link.split(":")[0];
      if (!(target in spec.services))
        ctx.errors.push({
          path: ["services", name, "links"],
          message: `links: service "${target}" does not exist`,
        });
    }
  const rawServices = rawOf(raw.services) ?? {};
  for (const [name, svc] of Object.entries(spec.services)) {
    const rawSvc = rawOf(rawServices[name]) ?? {};
    const mode = svc.networkMode ?? "";
    if (mode.startsWith("service:") && !(mode.slice(8) in spec.services))
      ctx.errors.push({
        path: ["services", name, "network_mode"],
        message: `service "${mode.slice(8)}" does not exist in this file`,
      });
    if (svc.networkMode !== undefined && rawSvc.networks !== undefined) {
      ctx.errors.push({
        path: ["services", name, "network_mode"],
        message: "network_mode cannot be combined with networks",
      });
    }
    svc.networks.forEach((net, i) => {
      if (net in spec.networks) return;
      const at = Array.isArray(rawSvc.networks) ? i : net;
      ctx.errors.push({
        path: ["services", name, "networks", at],
        message: `network "${net}" is not declared under top-level networks`,
      });
    });
    svc.volumes.forEach((mount, i) => {
      // Host-path sources on type: volume are left for the admission policy to refuse (403, not 422).
      if (
        mount.type !== "volume" ||
        mount.source === undefined ||
        looksLikeHostPath(mount.source) ||
        mount.source in spec.volumes
      )
        return;
      ctx.errors.push({
        path: ["services", name, "volumes", i],
        message: `volume "${mount.source}" is not declared under top-level volumes`,
      });
    });
    for (const [ref, kind] of [
      ...(svc.secrets ?? []).map((r) => [r, "secrets"] as const),
      ...(svc.configs ?? []).map((r) => [r, "configs"] as const),
    ]) {
      if (!(ref.source in (spec[kind] ?? {})))
        ctx.errors.push({
          path: ["services", name, kind],
          message: `${kind === "secrets" ? "secret" : "config"} "${ref.source}" is not declared under top-level ${kind}`,
        });
    }
    for (const dep of Object.keys(svc.dependsOn)) {
      const at = Array.isArray(rawSvc.depends_on) ? rawSvc.depends_on.indexOf(dep) : dep;
      if (dep === name)
        ctx.errors.push({
          path: ["services", name, "depends_on", at],
          message: "a service cannot depend on itself",
        });
      else if (!(dep in spec.services))
        ctx.errors.push({
          path: ["services", name, "depends_on", at],
          message: `service "${dep}" does not exist${rawServices[dep] ? " among the active profiles" : ""}`,
        });
    }
  }
  const cycle = findCycle(spec.services);
  if (cycle)
    ctx.errors.push({
      path: ["services", cycle[0], "depends_on"],
      message: `depends_on forms a cycle: ${cycle.join(" → ")}`,
    });
}

function findCycle(services: Record<string, ServiceSpec>): string[] | null {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (name: string): string[] | null => {
    if (state.get(name) === "done" || !(name in services)) return null;
    if (state.get(name) === "visiting") return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, "visiting");
    stack.push(name);
    for (const dep of Object.keys(services[name].dependsOn)) {
      if (dep === name) continue; // reported separately
      const found = visit(dep);
      if (found) return found;
    }
    stack.pop();
    state.set(name, "done");
    return null;
  };
  for (const name of Object.keys(services)) {
    const found = visit(name);
    if (found) return found;
  }
  return null;
}

/** Services whose profiles are all inactive are left out (spec: no profiles = always on). */
function isActive(raw: Raw, profiles: readonly string[]): boolean {
  const own = stringList(raw.profiles);
  return (
    !own || own.length === 0 || own.some((p) => profiles.includes(p) || p === "*" || profiles.includes("*"))
  );
}

export function normalizeCompose(ctx: Ctx, raw: Raw, profiles: readonly string[] = []): AppSpec | undefined {
  warnExtensions(ctx, raw, []);
  if (raw.include !== undefined)
    ctx.errors.push({
      path: ["include"],
      message:
        "include reads other files next to the compose file, and Wharf has no folder for this app yet (that comes with a repository or archive source) — paste the included services into this file",
    });
  if (raw.models !== undefined)
    ctx.warnings.push("models: AI models have no Docker Engine equivalent; ignored");
  if (raw.version !== undefined) ctx.warnings.push("version: is obsolete and ignored");
  const spec: AppSpec = { services: {}, networks: {}, volumes: {} };
  if (raw.name !== undefined) {
    const name = String(raw.name);
    // Only the export shows it (the app has its own name), so a name Wharf's slugs cannot hold is no reason to refuse.
    if (APP_NAME_RE.test(name)) spec.name = name;
    else
      ctx.warnings.push(
        `name: "${name}" is not an app name Wharf uses (lowercase letters, digits and "-"); the app keeps its own name`,
      );
  }
  const allServices = resolveExtends(ctx, mapsOf(raw.services));
  const services = Object.entries(allServices).filter(([, v]) => isActive(v, profiles));
  const inactive = new Set(Object.keys(allServices).filter((n) => !isActive(allServices[n], profiles)));
  if (inactive.size > 0)
    ctx.warnings.push(
      `services ${[...inactive].join(", ")} are in profiles that are not active; not deployed`,
    );
  // No services is valid (the schema requires none; `docker compose up` then creates the networks and volumes).
  if (services.length > MAX_SERVICES)
    ctx.errors.push({
      path: ["services"],
      message: `at most ${MAX_SERVICES} services are allowed (found ${services.length})`,
    });
  for (const [name, value] of Object.entries(rawOf(raw.networks) ?? {})) {
    if (checkName(ctx, "network", "networks", name))
      spec.networks[name] = normalizeNetwork(ctx, name, rawOf(value) ?? null);
  }
  for (const [name, value] of Object.entries(rawOf(raw.volumes) ?? {})) {
    if (checkName(ctx, "volume", "volumes", name))
      spec.volumes[name] = normalizeVolume(ctx, name, rawOf(value) ?? null);
  }
  for (const kind of ["secrets", "configs"] as const) {
    const entries = Object.entries(mapsOf(raw[kind]));
    if (entries.length === 0) continue;
    spec[kind] = {};
    for (const [name, value] of entries)
      if (checkName(ctx, kind === "secrets" ? "secret" : "config", kind, name))
        spec[kind][name] = normalizeFileObject(ctx, kind, name, value);
  }
  for (const [name, value] of services) {
    if (!checkName(ctx, "service", "services", name)) continue;
    const svc = normalizeService(ctx, name, value);
    // A dependency on a service of an inactive profile: dropped when not required, else an error (checkReferences).
    for (const dep of Object.keys(svc.dependsOn))
      if (inactive.has(dep) && svc.dependsOn[dep].required === false) delete svc.dependsOn[dep];
    // Like Compose: a service with no networks (and no network_mode) joins the app's "default" network.
    if (svc.networks.length === 0 && svc.networkMode === undefined && value.networks === undefined)
      svc.networks = [DEFAULT_NETWORK];
    // "default" exists implicitly, as in Compose, whether joined implicitly or by name.
    if (svc.networks.includes(DEFAULT_NETWORK)) spec.networks[DEFAULT_NETWORK] ??= {};
    spec.services[name] = svc;
  }
  if (ctx.errors.length > 0) return undefined;
  checkReferences(ctx, spec, { ...raw, services: allServices });
  if (ctx.errors.length > 0) return undefined;
  applyLinks(spec);
  return spec;
}
