import "server-only";
// Tenant quotas, checked at plan time: what the tenant already runs on its granted hosts (found by
// the server-stamped wharf.tenant label), minus this app's current objects, plus what this app's
// new spec asks for. Over quota → 409 with the numbers; nothing is created.
import { ApiError } from "@/lib/api/errors";
import type { AppSpec } from "@/lib/compose/spec";
import { db } from "@/lib/db";
import { dockerFor, readTls } from "@/lib/docker/client";
import { listTenantContainerUsage } from "@/lib/docker/deploy-containers";
import { listTenantServices, readSwarmState } from "@/lib/docker/services";
import { APP_LABEL } from "@/lib/fleet/scope";
import { DEFAULT_MEMORY_BYTES, DEFAULT_NANO_CPUS, memoryOf, nanoCpusOf } from "./engine-spec";

export type Usage = {
  containers: number;
  memoryMb: number;
  cpus: number;
  limits: { containers: number; memoryMb: number; cpus: number };
};
type Tally = { containers: number; memory: number; nanoCpus: number };

const MB = 1024 * 1024;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

export function specDemand(spec: AppSpec): Tally {
  const t: Tally = { containers: 0, memory: 0, nanoCpus: 0 };
  for (const svc of Object.values(spec.services)) {
    t.containers += svc.replicas;
    t.memory += svc.replicas * memoryOf(svc);
    t.nanoCpus += svc.replicas * nanoCpusOf(svc);
  }
  return t;
}

/** What the tenant runs outside this app, on every host granted to it that answers. */
async function tenantUsage(
  tenantId: string,
  appId: string,
): Promise<{ tally: Tally; unreachable: string[] }> {
  const hosts = await db.host.findMany({
    where: { grants: { some: { tenantId } } },
    select: { id: true, name: true, url: true, tlsEncrypted: true },
  });
  const tally: Tally = { containers: 0, memory: 0, nanoCpus: 0 };
  const unreachable: string[] = [];
  const seenServices = new Set<string>();
  for (const h of hosts) {
    try {
      const docker = dockerFor({ id: h.id, url: h.url, tls: readTls(h.tlsEncrypted) }).call;
      for (const c of await listTenantContainerUsage(docker, tenantId)) {
        if (c.appId === appId || c.swarmTask) continue; // Swarm tasks are counted from their service below
        tally.containers += 1;
        tally.memory += c.memoryBytes || DEFAULT_MEMORY_BYTES;
        tally.nanoCpus += c.nanoCpus || DEFAULT_NANO_CPUS;
      }
      if (!(await readSwarmState(docker)).manager) continue;
      for (const s of await listTenantServices(docker, tenantId)) {
        if (s.labels[APP_LABEL] === appId || seenServices.has(s.id)) continue;
        seenServices.add(s.id);
        const replicas = s.spec.Mode?.Replicated?.Replicas ?? 0;
        const limits = s.spec.TaskTemplate?.Resources?.Limits ?? {};
        tally.containers += replicas;
        tally.memory += replicas * (limits.MemoryBytes || DEFAULT_MEMORY_BYTES);
        tally.nanoCpus += replicas * (limits.NanoCPUs || DEFAULT_NANO_CPUS);
      }
    } catch {
      unreachable.push(h.name);
    }
  }
  return { tally, unreachable };
}

/** Throws 409 quota_exceeded naming each exceeded limit with its numbers; returns the usage after the plan. */
export async function checkQuota(
  tenantId: string,
  appId: string,
  spec: AppSpec,
): Promise<{ usage: Usage; warnings: string[] }> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { maxContainers: true, maxMemoryMb: true, maxCpus: true },
  });
  const { tally: others, unreachable } = await tenantUsage(tenantId, appId);
  const mine = specDemand(spec);
  const usage: Usage = {
    containers: others.containers + mine.containers,
    memoryMb: round((others.memory + mine.memory) / MB, 0),
    cpus: round((others.nanoCpus + mine.nanoCpus) / 1e9),
    limits: { containers: tenant.maxContainers, memoryMb: tenant.maxMemoryMb, cpus: tenant.maxCpus },
  };
  const fields: Record<string, string> = {};
  const check = (
    key: string,
    label: string,
    total: number,
    limit: number,
    running: number,
    adds: number,
    unit = "",
  ) => {
    if (total > limit)
      fields[`quota.${key}`] =
        `${label}: ${total}${unit} needed, quota ${limit}${unit} (already running ${running}${unit}, this app ${adds}${unit})`;
  };
  check(
    "containers",
    "containers",
    usage.containers,
    tenant.maxContainers,
    others.containers,
    mine.containers,
  );
  check(
    "memoryMb",
    "memory",
    usage.memoryMb,
    tenant.maxMemoryMb,
    round(others.memory / MB, 0),
    round(mine.memory / MB, 0),
    " MiB",
  );
  check("cpus", "CPUs", usage.cpus, tenant.maxCpus, round(others.nanoCpus / 1e9), round(mine.nanoCpus / 1e9));
  if (Object.keys(fields).length > 0) {
    throw new ApiError(
      409,
      "quota_exceeded",
      `Over the tenant's quota — ${Object.values(fields).join("; ")}. Nothing was created.`,
      fields,
    );
  }
  const warnings =
    unreachable.length > 0
      ? [`quota counted without host(s) ${unreachable.join(", ")}, which did not answer`]
      : [];
  return { usage, warnings };
}
