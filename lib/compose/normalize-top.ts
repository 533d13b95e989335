// Top-level objects beyond services: network options (ipam, driver_opts, external), secrets and configs,
// and `extends` between services of the same file.
import { listOf, NEEDS_FOLDER, rawOf, toLabels, toStringMap, type Ctx, type Raw } from "./normalize-fields";
import type { NetworkSpec } from "./spec";
import type { FileObject } from "./spec-options";

export function normalizeNetworkOptions(ctx: Ctx, name: string, raw: Raw): Partial<NetworkSpec> {
  const at = ["networks", name];
  const out: Partial<NetworkSpec> = {};
  if (raw.driver_opts !== undefined)
    out.driverOpts = toStringMap(ctx, raw.driver_opts, [...at, "driver_opts"], "driver option");
  if (raw.enable_ipv6 !== undefined) out.enableIpv6 = String(raw.enable_ipv6) === "true";
  const ipam = rawOf(raw.ipam);
  if (ipam) {
    out.ipam = {
      ...(ipam.driver !== undefined ? { driver: String(ipam.driver) } : {}),
      config: listOf(ipam.config)
        .map((item) => rawOf(item) ?? {})
        .map((c, i) => ({
          ...(c.subnet !== undefined ? { subnet: String(c.subnet) } : {}),
          ...(c.ip_range !== undefined ? { ipRange: String(c.ip_range) } : {}),
          ...(c.gateway !== undefined ? { gateway: String(c.gateway) } : {}),
          ...(c.aux_addresses !== undefined
            ? {
                auxAddresses: toStringMap(
                  ctx,
                  c.aux_addresses,
                  [...at, "ipam", "config", i, "aux_addresses"],
                  "address",
                ),
              }
            : {}),
        })),
      ...(ipam.options !== undefined
        ? { options: toStringMap(ctx, ipam.options, [...at, "ipam", "options"], "option") }
        : {}),
    };
  }
  return { ...out, ...externalOf(raw) };
}

/** `external: true` (or the old `external: {name}`), with the name it has where it was created. */
export function externalOf(raw: Raw): { external?: true; externalName?: string } {
  const external = raw.external;
  if (external !== true && String(external) !== "true" && (external === null || typeof external !== "object"))
    return {};
  const named = rawOf(external)?.name ?? raw.name;
  return named === undefined ? { external: true } : { external: true, externalName: String(named) };
}

/** A top-level secret or config: inline `content`, an app variable (`environment`), or external (Swarm). */
export function normalizeFileObject(
  ctx: Ctx,
  kind: "secrets" | "configs",
  name: string,
  raw: Raw,
): FileObject {
  const at = [kind, name];
  const out: FileObject = {};
  const fromFolder = raw.file !== undefined ? ctx.folder?.files[String(raw.file)] : undefined;
  if (fromFolder !== undefined) out.content = fromFolder;
  else if (raw.file !== undefined)
    ctx.errors.push({
      path: [...at, "file"],
      message: `file: ${NEEDS_FOLDER} — use content: (configs) or environment: naming one of the app's variables`,
    });
  if (raw.content !== undefined) out.content = String(raw.content);
  if (raw.environment !== undefined) out.variable = String(raw.environment);
  Object.assign(out, externalOf(raw)); // `external: true`, or the old `external: {name}`
  if (raw.labels !== undefined) out.labels = toLabels(ctx, raw.labels, [...at, "labels"]);
  if (raw.template_driver !== undefined) {
    out.templateDriver = String(raw.template_driver);
    ctx.warnings.push(
      `${kind}.${name}.template_driver: the Swarm renders the content when a task mounts it; on a standalone host (no engine templating) the content is copied as written`,
    );
  }
  if (raw.driver !== undefined) out.driver = String(raw.driver);
  if (raw.driver_opts !== undefined)
    out.driverOpts = toStringMap(ctx, raw.driver_opts, [...at, "driver_opts"], "driver option");
  if (
    out.content === undefined &&
    out.variable === undefined &&
    !out.external &&
    !out.driver &&
    raw.file === undefined
  )
    ctx.errors.push({ path: at, message: "needs content:, environment:, driver: or external: true" });
  return out;
}

const MERGED_MAPS = new Set([
  "environment",
  "labels",
  "deploy",
  "healthcheck",
  "logging",
  "ulimits",
  "sysctls",
  "extra_hosts",
  "annotations",
]);

function asMap(v: unknown): Raw | undefined {
  if (Array.isArray(v))
    return Object.fromEntries(
      listOf(v).map((e) => {
        const text = String(e);
        const eq = text.indexOf("=");
        return eq < 0 ? [text, null] : [text.slice(0, eq), text.slice(eq + 1)];
      }),
    );
  return rawOf(v);
}

/** `extends: {service: base}` (same file): the base's keys, overridden by the service's own; mappings merged. */
export function resolveExtends(ctx: Ctx, services: Record<string, Raw>): Record<string, Raw> {
  const done: Record<string, Raw> = {};
  const resolve = (name: string, chain: string[]): Raw => {
    if (done[name]) return done[name];
    const raw = services[name] ?? {};
    const ext = raw.extends;
    if (ext === undefined) return (done[name] = raw);
    const spec: Raw = typeof ext === "string" ? { service: ext } : (rawOf(ext) ?? {});
    const { extends: _ext, ...own } = raw;
    if (spec.file !== undefined) {
      ctx.errors.push({
        path: ["services", name, "extends", "file"],
        message: `extends.file ${NEEDS_FOLDER} — copy the base service into this file and extend it by name`,
      });
      return (done[name] = own);
    }
    const baseName = String(spec.service);
    if (!(baseName in services) || chain.includes(baseName)) {
      ctx.errors.push({
        path: ["services", name, "extends", "service"],
        message: chain.includes(baseName)
          ? `extends forms a cycle: ${[...chain, baseName].join(" → ")}`
          : `service "${baseName}" does not exist`,
      });
      return (done[name] = own);
    }
    const base = resolve(baseName, [...chain, baseName]);
    const merged: Raw = { ...base };
    for (const [k, v] of Object.entries(own)) {
      const b = asMap(base[k]);
      const o = asMap(v);
      merged[k] = MERGED_MAPS.has(k) && b && o ? { ...b, ...o } : v;
    }
    return (done[name] = merged);
  };
  for (const name of Object.keys(services)) resolve(name, [name]);
  return done;
}
