// The planner: desired AppSpec vs what the engine runs → what will be created, changed and
// removed, service by service. Pure: the executors and the plan endpoint share it.
import { swarmConstraintProblems } from "@/lib/compose/normalize-swarm";
import type { AppSpec, ServiceSpec, VolumeMount } from "@/lib/compose/spec";
import { networkHash, serviceHash, stableStringify } from "./hash";
import type { ObjectPlan, Plan, PlanInput, ServicePlan } from "./types";

const FIELD_LABELS: Partial<Record<keyof ServiceSpec, string>> = {
  resources: "resource limits",
  dependsOn: "depends_on",
  networkAliases: "network aliases",
};

/** Top-level fields of a service that differ, for the plan's "why". */
export function changedFields(before: ServiceSpec | undefined, after: ServiceSpec): string[] {
  if (!before) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as (keyof ServiceSpec)[]);
  keys.delete("replicas");
  return [...keys]
    .filter((k) => stableStringify(before[k]) !== stableStringify(after[k]))
    .map((k) => FIELD_LABELS[k] ?? k)
    .sort();
}

function planService(name: string, svc: ServiceSpec, input: PlanInput): ServicePlan {
  const actual = input.actual.services[name];
  if (!actual) return { service: name, action: "create", from: 0, to: svc.replicas, reasons: [] };
  if (svc.mode === "global") svc = { ...svc, replicas: actual.desired }; // one per node: never a scale step
  const hash = serviceHash(name, svc, input.mode);
  const reasons: string[] = [];
  if (actual.hashes.some((h) => h !== hash)) {
    const fields = changedFields(input.previous?.services[name], svc);
    reasons.push(fields.length > 0 ? `changed: ${fields.join(", ")}` : "settings differ from what runs");
  }
  if (input.mode === "standalone") {
    const imageId = input.imageIds?.[name];
    if (reasons.length === 0 && imageId && actual.replicas.some((r) => r.imageId !== imageId))
      reasons.push(`image ${svc.image} now points to a newer build`);
    const stopped = actual.replicas.filter((r) => !r.running).length;
    if (stopped > 0) reasons.push(`${stopped} of ${actual.replicas.length} replica(s) not running`);
  }
  const from = actual.desired;
  if (reasons.length > 0) return { service: name, action: "update", from, to: svc.replicas, reasons };
  if (svc.mode !== "global" && from !== svc.replicas)
    return {
      service: name,
      action: "scale",
      from,
      to: svc.replicas,
      reasons: [`replicas ${from} → ${svc.replicas}`],
    };
  return { service: name, action: "unchanged", from, to: svc.replicas, reasons: [] };
}

export function computePlan(input: PlanInput): Plan {
  const { desired, actual, mode } = input;
  const services: ServicePlan[] = Object.entries(desired.services).map(([name, svc]) => {
    const p = planService(name, svc, input);
    if (input.nameOf) p.engineName = input.nameOf(name);
    if (svc.containerName) p.containerName = svc.containerName;
    return p;
  });
  for (const [name, a] of Object.entries(actual.services)) {
    if (!(name in desired.services))
      services.push({
        service: name,
        action: "remove",
        from: a.desired,
        to: 0,
        reasons: ["no longer in the spec"],
      });
  }
  const errors: Record<string, string> = {};
  const networks: ObjectPlan[] = Object.entries(desired.networks).map(([name, net]) => {
    if (net.external) return { name, action: "external" };
    const a = actual.networks[name];
    if (!a) return { name, action: "create" };
    if (a.hash !== networkHash(net, mode)) {
      errors[`networks.${name}`] =
        `the settings of network "${name}" changed; Docker cannot change a network in place — give it a new name (the old one is removed) or remove and redeploy the app`;
    }
    return { name, action: "unchanged" };
  });
  for (const name of Object.keys(actual.networks))
    if (!(name in desired.networks)) networks.push({ name, action: "remove" });
  const volumes: ObjectPlan[] = Object.entries(desired.volumes).map(([name, vol]) => ({
    name,
    action: vol.external ? "external" : actual.volumes[name] ? "unchanged" : "create",
  }));
  const warnings: string[] = [];
  for (const name of Object.keys(actual.volumes)) {
    if (!(name in desired.volumes)) {
      volumes.push({ name, action: "keep" });
      warnings.push(
        `volume "${name}" is no longer used but is kept with its data; remove the app with its volumes to delete it`,
      );
    }
  }
  const changes =
    services.filter((s) => s.action !== "unchanged").length +
    networks.filter((n) => n.action === "create" || n.action === "remove").length +
    volumes.filter((v) => v.action === "create").length;
  return { services: sortServices(services, desired), networks, volumes, changes, warnings, errors };
}

function sortServices(services: ServicePlan[], desired: AppSpec): ServicePlan[] {
  const order = Object.keys(desired.services);
  const rank = (s: ServicePlan) => (order.includes(s.service) ? order.indexOf(s.service) : order.length);
  return services.sort((a, b) => rank(a) - rank(b) || a.service.localeCompare(b.service));
}

/** Swarm services cannot honour these container options; refused rather than silently dropped. */
const SWARM_UNSUPPORTED: [keyof ServiceSpec, string][] = [
  ["privileged", "privileged"],
  ["devices", "devices"],
  ["networkMode", "network_mode"],
  ["pid", "pid"],
  ["ipc", "ipc"],
  ["uts", "uts"],
  ["cgroup", "cgroup"],
  ["usernsMode", "userns_mode"],
  ["securityOpt", "security_opt"],
  ["volumesFrom", "volumes_from"],
  ["cgroupParent", "cgroup_parent"],
  ["runtime", "runtime"],
  ["deviceCgroupRules", "device_cgroup_rules"],
];

/** Mount types valid in Compose that need an engine other than the Linux, API 1.41 engines Wharf drives. */
const HOST_MOUNT_NEEDS: Partial<Record<VolumeMount["type"], string>> = {
  npipe: "a Windows named pipe needs a Windows Docker host; Wharf's hosts run Linux containers",
  image:
    "mounting an image's files needs Docker Engine API 1.48 (Engine 28); Wharf drives its hosts at API 1.41 (Engine 20.10)",
  cluster:
    "a cluster (CSI) volume needs Docker Engine API 1.42 and a CSI plugin on the Swarm; Wharf drives its hosts at API 1.41 (Engine 20.10)",
};

/** Field errors for specs that cannot run on the chosen target. */
export function checkTopology(spec: AppSpec, mode: "standalone" | "swarm"): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [name, svc] of Object.entries(spec.services))
    svc.volumes.forEach((m, i) => {
      const need = HOST_MOUNT_NEEDS[m.type];
      if (need) errors[`services.${name}.volumes.${i}.type`] = `type: ${m.type} — ${need}`;
    });
  const usedSecrets = new Set(
    Object.values(spec.services).flatMap((s) => (s.secrets ?? []).map((r) => r.source)),
  );
  for (const [name, secret] of Object.entries(spec.secrets ?? {}))
    if (mode === "standalone" && secret.driver && usedSecrets.has(name))
      errors[`secrets.${name}.driver`] =
        `a secret driver ("${secret.driver}") is a Swarm secrets plugin; a standalone host has none — deploy to a Swarm, or give the value with environment: (an app variable)`;
  for (const [name, net] of Object.entries(spec.networks)) {
    if (mode === "standalone" && net.driver === "overlay")
      errors[`networks.${name}.driver`] =
        "overlay networks need a Swarm target; use bridge (or leave the driver out) on a standalone host";
    if (mode === "swarm" && net.driver === "bridge")
      errors[`networks.${name}.driver`] =
        "bridge networks cannot connect Swarm services; use overlay (or leave the driver out)";
  }
  for (const [name, svc] of Object.entries(spec.services)) {
    if (mode === "swarm") {
      Object.assign(errors, swarmConstraintProblems(name, svc.placement));
      svc.ports.forEach((p, i) => {
        if (p.publishedEnd !== undefined)
          errors[`services.${name}.ports.${i}.published`] =
            `a host port range for one container port ("${p.published}-${p.publishedEnd}") has no Swarm equivalent (a Swarm port publishes one port); publish a single port, or deploy to a standalone host`;
      });
      for (const [field, key] of SWARM_UNSUPPORTED)
        if (svc[field] !== undefined)
          errors[`services.${name}.${key}`] =
            `${key} has no Swarm service equivalent (docker stack deploy would drop it); deploy to a standalone host to keep it`;
      continue; // Swarm publishes in host mode, one task per node: the engine places what fits and the deploy says what did not.
    }
    for (const kind of ["secrets", "configs"] as const) {
      const refs = svc[kind] ?? [];
      if (refs.length > 0 && svc.readOnly)
        errors[`services.${name}.read_only`] =
          `${kind} are copied into the container's filesystem on a standalone host, which read_only forbids; drop read_only or deploy to a Swarm`;
      for (const r of refs)
        if (spec[kind]?.[r.source]?.external)
          errors[`${kind}.${r.source}.external`] =
            `external ${kind} live on a Swarm; on a standalone host give the content with environment: (an app variable)${kind === "configs" ? " or content:" : ""}`;
    }
    // A pool ("6005-6015:80") gives each replica its own port while it has ports left.
    const fixed = svc.ports.filter(
      (p) => p.published !== undefined && (p.publishedEnd ?? p.published) - p.published + 1 < svc.replicas,
    );
    if (fixed.length > 0 && svc.replicas > 1) {
      errors[`services.${name}.deploy.replicas`] =
        `${svc.replicas} replicas cannot all publish host port ${fixed[0].published} on one host; use 1 replica, or publish without a host port (e.g. "${fixed[0].target}")`;
    }
  }
  return errors;
}
