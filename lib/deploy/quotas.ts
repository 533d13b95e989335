import "server-only";
// Tenant quotas. What counts is what the tenant's apps HOLD (QuotaHold rows), never what an engine shows: an
// engine list is found by labels an image can spoof, and two deploys reading it at once both see room. An app
// holds the demand (replicas × memory and CPU limits) of the spec it runs, stopped or not, so starting it again —
// the app, or one of its containers — can never go over. A deploy reserves max(old, new) before it touches the
// engine (old and new replicas run side by side during an update) and, when done, keeps the new demand or puts
// the old one back. Every reservation runs in one transaction that first writes the tenant's QuotaLedger row:
// that write takes SQLite's write lock or PostgreSQL's row lock, so a tenant's reservations are checked and
// recorded one at a time across every server process, without any lock in memory.
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { DEFAULT_MEMORY_BYTES, DEFAULT_NANO_CPUS } from "./engine-spec";

export type Usage = {
  containers: number;
  memoryMb: number;
  cpus: number;
  limits: { containers: number; memoryMb: number; cpus: number };
};
export type Demand = { containers: number; memory: number; nanoCpus: number };
export const NO_DEMAND: Demand = { containers: 0, memory: 0, nanoCpus: 0 };

const MB = 1024 * 1024;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** The part of a stored spec that quotas read (older revisions are read too: only these fields are relied on). */
const DemandSpec = z.object({
  services: z.record(
    z.string(),
    z.object({
      replicas: z.number(),
      mode: z.string().optional(),
      resources: z.object({ memoryBytes: z.number().optional(), nanoCpus: z.number().optional() }).optional(),
    }),
  ),
});
type DemandInput = z.infer<typeof DemandSpec>;

/** `nodes`: the Swarm's node count, what a global service (one task per node) may run at most. */
export function specDemand(spec: DemandInput, nodes = 1): Demand {
  const d = { ...NO_DEMAND };
  for (const svc of Object.values(spec.services)) {
    const n = svc.mode === "global" ? nodes : svc.replicas;
    d.containers += n;
    d.memory += n * (svc.resources?.memoryBytes ?? DEFAULT_MEMORY_BYTES);
    d.nanoCpus += n * (svc.resources?.nanoCpus ?? DEFAULT_NANO_CPUS);
  }
  return d;
}

export const maxDemand = (a: Demand, b: Demand): Demand => ({
  containers: Math.max(a.containers, b.containers),
  memory: Math.max(a.memory, b.memory),
  nanoCpus: Math.max(a.nanoCpus, b.nanoCpus),
});

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

const toRow = (d: Demand) => ({
  containers: d.containers,
  memoryBytes: BigInt(d.memory),
  nanoCpus: BigInt(d.nanoCpus),
});
const fromRow = (r: { containers: number; memoryBytes: bigint; nanoCpus: bigint }): Demand => ({
  containers: r.containers,
  memory: Number(r.memoryBytes),
  nanoCpus: Number(r.nanoCpus),
});

/**
 * Apps deployed before holds existed (or by a failed write) hold their current revision's demand: found and, inside
 * a reservation, written down, so the sum of holds is the tenant's whole usage.
 */
async function unrecordedHolds(r: Tx, tenantId: string): Promise<Map<string, Demand>> {
  const apps = await r.app.findMany({
    where: { project: { tenantId }, quotaHold: { is: null }, currentRevisionId: { not: null } },
    select: { id: true, currentRevisionId: true },
  });
  const out = new Map<string, Demand>();
  for (const a of apps) {
    const rev = await r.revision.findUnique({ where: { id: a.currentRevisionId! }, select: { spec: true } });
    const spec = rev ? DemandSpec.safeParse(JSON.parse(rev.spec)) : null;
    if (spec?.success) out.set(a.id, specDemand(spec.data));
  }
  return out;
}

async function heldByOthers(r: Tx, tenantId: string, appId: string, record: boolean): Promise<Demand> {
  const rows = await r.quotaHold.findMany({
    where: { tenantId, appId: { not: appId } },
    select: { containers: true, memoryBytes: true, nanoCpus: true },
  });
  const sum = { ...NO_DEMAND };
  const add = (d: Demand) => {
    sum.containers += d.containers;
    sum.memory += d.memory;
    sum.nanoCpus += d.nanoCpus;
  };
  rows.forEach((row) => add(fromRow(row)));
  for (const [id, d] of await unrecordedHolds(r, tenantId)) {
    if (record) await r.quotaHold.create({ data: { appId: id, tenantId, ...toRow(d) } });
    if (id !== appId) add(d);
  }
  return sum;
}

/** Throws 409 quota_exceeded naming each exceeded limit with its numbers; else the usage with `mine` in place. */
async function assertRoom(r: Tx, tenantId: string, others: Demand, mine: Demand) {
  const t = await r.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { maxContainers: true, maxMemoryMb: true, maxCpus: true },
  });
  const usage: Usage = {
    containers: others.containers + mine.containers,
    memoryMb: round((others.memory + mine.memory) / MB, 0),
    cpus: round((others.nanoCpus + mine.nanoCpus) / 1e9),
    limits: { containers: t.maxContainers, memoryMb: t.maxMemoryMb, cpus: t.maxCpus },
  };
  const fields: Record<string, string> = {};
  const check = (
    key: string,
    label: string,
    total: number,
    limit: number,
    held: number,
    adds: number,
    unit = "",
  ) => {
    if (total > limit)
      fields[`quota.${key}`] =
        `${label}: ${total}${unit} needed, quota ${limit}${unit} (other apps hold ${held}${unit}, this app ${adds}${unit})`;
  };
  check("containers", "containers", usage.containers, t.maxContainers, others.containers, mine.containers);
  const mb = (n: number) => round(n / MB, 0);
  check("memoryMb", "memory", usage.memoryMb, t.maxMemoryMb, mb(others.memory), mb(mine.memory), " MiB");
  const cpus = (n: number) => round(n / 1e9);
  check("cpus", "CPUs", usage.cpus, t.maxCpus, cpus(others.nanoCpus), cpus(mine.nanoCpus));
  if (Object.keys(fields).length > 0) {
    throw new ApiError(
      409,
      "quota_exceeded",
      `Over the tenant's quota — ${Object.values(fields).join("; ")}. Stopped apps keep their share; nothing was changed.`,
      fields,
    );
  }
  return usage;
}

/** The plan's check (reserves nothing): would `spec` fit next to what the tenant's other apps hold? */
export async function checkQuota(
  tenantId: string,
  appId: string,
  spec: DemandInput,
  nodes = 1,
): Promise<{ usage: Usage; warnings: string[] }> {
  const usage = await db.$transaction(async (tx) =>
    assertRoom(tx, tenantId, await heldByOthers(tx, tenantId, appId, false), specDemand(spec, nodes)),
  );
  return { usage, warnings: [] };
}

/**
 * One tenant's reservations at a time, in every process: the ledger row is written first (see the top). That first
 * statement is a plain UPDATE, a write from its start: on SQLite it waits for the write lock before reading anything
 * (a transaction that read first could not take the lock once another process had written), and on PostgreSQL
 * it takes the row lock. The row itself is made beforehand, outside, where two processes may race to insert it.
 */
async function withTenantLedger<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  await db.quotaLedger.create({ data: { tenantId } }).catch((err: unknown) => {
    if (!isUniqueViolation(err)) throw err; // made already, by an earlier reservation or another process
  });
  return db.$transaction(
    async (tx) => {
      await tx.quotaLedger.updateMany({ where: { tenantId }, data: { reservations: { increment: 1 } } });
      return fn(tx);
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

export const isUniqueViolation = (err: unknown) =>
  !!err && typeof err === "object" && "code" in err && err.code === "P2002";

/** Checks and records, atomically, that the app holds `demand`; 409 (nothing changed) when it does not fit. */
export async function reserveQuota(tenantId: string, appId: string, demand: Demand): Promise<Usage> {
  return withTenantLedger(tenantId, async (tx) => {
    const usage = await assertRoom(tx, tenantId, await heldByOthers(tx, tenantId, appId, true), demand);
    await tx.quotaHold.upsert({
      where: { appId },
      create: { appId, tenantId, ...toRow(demand) },
      update: toRow(demand),
    });
    return usage;
  });
}

/** Sets the app's hold without a check: only ever to what it already had room for (after a deploy, or a failed one). */
export async function settleQuota(tenantId: string, appId: string, demand: Demand): Promise<void> {
  await withTenantLedger(tenantId, async (tx) => {
    await tx.quotaHold.upsert({
      where: { appId },
      create: { appId, tenantId, ...toRow(demand) },
      update: toRow(demand),
    });
  });
}

/** What the app holds now, when recorded. */
export async function quotaHeld(appId: string): Promise<Demand | null> {
  const row = await db.quotaHold.findUnique({ where: { appId } });
  return row ? fromRow(row) : null;
}
