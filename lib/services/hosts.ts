import "server-only";
import fs from "node:fs";
import { z } from "zod";
import { conflict, errorText, invalid, notFound } from "@/lib/api/errors";
import { seesEverything, type Actor } from "@/lib/auth/actor";
import { scopedTenantIds } from "@/lib/authz";
import { config } from "@/lib/config";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/deploy/quotas";
import { forgetDocker } from "@/lib/docker/client";
import { probeEngine, type EngineInfo } from "@/lib/docker/probe";
import { followHost, getFleet, noteGrantsChanged, renameFleetHost, unfollowHost } from "@/lib/fleet/service";
import type { Prisma } from "@/lib/generated/prisma/client";
import { nodeExporterFigures, scrapeExporter } from "@/lib/ops/node-exporter";
import type { HostView } from "@/lib/validations/fleet";
import type { HostCounts, HostLiveStatus } from "@/lib/validations/fleet-views";
import {
  EngineInfoView,
  type HostCreateInput,
  type HostFiguresView,
  type HostUpdateInput,
} from "@/lib/validations/host";

type HostRow = {
  id: string;
  name: string;
  url: string;
  nodeExporterUrl: string | null;
  labels: Prisma.JsonValue;
  engineInfo: Prisma.JsonValue;
  createdAt: Date;
  grants?: { tenantId: string }[];
};

/** Host.labels as stored (checked by HostLabels when written). */
const StoredLabels = z.record(z.string(), z.string());
/** The Host row's Json columns, read in one place; older rows may lack engine fields. */
export const hostLabels = (stored: Prisma.JsonValue) => StoredLabels.parse(stored);
export const hostEngineInfo = (stored: Prisma.JsonValue) => EngineInfoView.partial().parse(stored);

/**
 * The stored host plus its live state from the fleet cache (status since when, container counts, fresh engine info).
 * With `tenants` (a scope: the viewer's tenants or the tenant context) the counts are those of the tenants among
 * them granted this host, as the stream sends them (lib/fleet/sse.ts); without, every container on it.
 */
export function toHostView(h: HostRow, tenants?: readonly string[] | null): HostView {
  const { store } = getFleet();
  const live = store.hosts.get(h.id);
  const status: HostLiveStatus = live?.status ?? {
    state: "down",
    since: h.createdAt.toISOString(),
    error: "not followed",
  };
  const seen = tenants
    ? (h.grants ?? []).map((g) => g.tenantId).filter((t) => tenants.includes(t))
    : undefined;
  const containers: HostCounts = live ? store.hostCounts(live, seen) : { running: 0, total: 0 };
  return {
    id: h.id,
    name: h.name,
    url: h.url,
    labels: hostLabels(h.labels),
    nodeExporterUrl: h.nodeExporterUrl,
    engine: live?.engine ?? hostEngineInfo(h.engineInfo),
    createdAt: h.createdAt.toISOString(),
    tenantIds: h.grants?.map((g) => g.tenantId) ?? [],
    status,
    containers,
  };
}

const include = { grants: { select: { tenantId: true } } } as const;

/** Admin and ops see every host; tenant members see the hosts granted to their tenants. */
export async function listHosts(actor: Actor, tenantId?: string): Promise<HostView[]> {
  const tenants = await scopedTenantIds(actor, tenantId);
  const where = tenants ? { grants: { some: { tenantId: { in: tenants } } } } : {};
  const rows = await db.host.findMany({ where, include, orderBy: { name: "asc" } });
  return rows.map((h) => forActor(actor, toHostView(h, tenants)));
}

/** A tenant member sees only its own tenants among a host's grants: which other tenants share it is not theirs. */
function forActor(actor: Actor, view: HostView): HostView {
  if (seesEverything(actor)) return view;
  // Where its exporter listens is the operators' business, like the grants.
  return {
    ...view,
    nodeExporterUrl: null,
    tenantIds: view.tenantIds.filter((t) => actor.memberships.has(t)),
  };
}

/** `tenantId` (the tenant context) narrows its counts as in the list; another tenant's id is a 404. */
export async function getHost(actor: Actor, id: string, tenantId?: string): Promise<HostView> {
  const tenants = await scopedTenantIds(actor, tenantId);
  const h = await db.host.findUnique({ where: { id }, include });
  if (!h || (!seesEverything(actor) && !h.grants.some((g) => actor.memberships.has(g.tenantId))))
    throw notFound("Host");
  return forActor(actor, toHostView(h, tenants));
}

type NewHost = z.infer<typeof HostCreateInput>;

/** What a new host must satisfy before it is probed; `field` prefixes the names of the fields in the errors. */
function checkNewHost(input: NewHost, taken: Set<string>, field = "") {
  if (taken.has(input.name))
    throw conflict(`A host named "${input.name}" already exists`, { [`${field}name`]: "already taken" });
  if (input.url.startsWith("tcp://") && !input.tls)
    throw invalid(`${field}tls: TCP hosts need TLS client certificates (ca, cert, key)`, {
      [`${field}tls`]: "required for tcp:// hosts",
    });
}

async function probeNewHost(input: NewHost, field = ""): Promise<EngineInfo> {
  try {
    return await probeEngine({ url: input.url, tls: input.tls });
  } catch (err) {
    throw invalid(`${field}url: cannot add host — ${errorText(err)}`, { [`${field}url`]: errorText(err) });
  }
}

/**
 * A node exporter URL must pass the egress policy (as an admin's: only admins set it) and answer a node exporter's
 * page now; a refusal or failure is a 422 naming the field.
 */
async function checkNodeExporter(url: string | null | undefined, field = "") {
  if (!url) return;
  try {
    await scrapeExporter(url);
  } catch (err) {
    const why = errorText(err);
    throw invalid(`${field}nodeExporterUrl: cannot read the node exporter — ${why}`, {
      [`${field}nodeExporterUrl`]: why,
    });
  }
}

/** Its own figures from the node exporter, or `exporter: false`: then only the sum of the containers is known. */
export async function hostFigures(id: string): Promise<HostFiguresView> {
  const h = await db.host.findUnique({ where: { id }, select: { nodeExporterUrl: true } });
  if (!h) throw notFound("Host");
  if (!h.nodeExporterUrl) return { exporter: false, error: null, at: null, figures: null };
  return nodeExporterFigures(id, h.nodeExporterUrl);
}

const newHostRow = (input: NewHost, engine: EngineInfo) => ({
  name: input.name,
  url: input.url,
  nodeExporterUrl: input.nodeExporterUrl ?? null,
  labels: input.labels,
  engineInfo: engine,
  tlsEncrypted: input.tls ? encryptSecret(JSON.stringify(input.tls)) : null,
});

/** Tests the connection first: a host that cannot be reached is never half-added. */
export async function createHost(input: NewHost): Promise<HostView> {
  const taken = await db.host.findUnique({ where: { name: input.name }, select: { name: true } });
  checkNewHost(input, new Set(taken ? [taken.name] : []));
  await checkNodeExporter(input.nodeExporterUrl);
  const engine = await probeNewHost(input);
  const h = await db.host.create({ data: newHostRow(input, engine), include });
  followHost({ id: h.id, url: h.url, tls: input.tls ?? null }, h.name);
  return toHostView(h);
}

/** Engines probed at once by a bulk registration (each probe is a few requests to one engine). */
const BULK_PROBES = 16;

/**
 * Registers several hosts in one request (POST /hosts/bulk): all or none. Every one is checked and its connection
 * tested first; the rows are written in one transaction. One request per host cost the registration of a large
 * fleet a round of routing, authentication, audit and three SQL statements each (docs/scale.md, issue 22 item 3).
 */
export async function createHosts(inputs: NewHost[]): Promise<HostView[]> {
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    if (seen.has(input.name))
      throw invalid(`hosts.${i}.name: "${input.name}" appears twice`, {
        [`hosts.${i}.name`]: "appears twice",
      });
    seen.add(input.name);
  });
  const taken = await db.host.findMany({ where: { name: { in: [...seen] } }, select: { name: true } });
  const takenNames = new Set(taken.map((t) => t.name));
  inputs.forEach((input, i) => checkNewHost(input, takenNames, `hosts.${i}.`));
  const engines: EngineInfo[] = new Array(inputs.length);
  let next = 0;
  const prober = async () => {
    while (next < inputs.length) {
      const i = next++;
      await checkNodeExporter(inputs[i].nodeExporterUrl, `hosts.${i}.`);
      engines[i] = await probeNewHost(inputs[i], `hosts.${i}.`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BULK_PROBES, inputs.length) }, prober));
  // All or none, with a deadline fit for 100 rows on a busy machine: the batch form's 5 s default expired under
  // load and answered 500 (bench:ha). The probes ran above, outside the transaction.
  const rows = await db.$transaction(
    async (tx) => {
      const created = [];
      for (const [i, input] of inputs.entries())
        created.push(await tx.host.create({ data: newHostRow(input, engines[i]), include }));
      return created;
    },
    { timeout: 60_000, maxWait: 15_000 },
  );
  rows.forEach((h, i) => followHost({ id: h.id, url: h.url, tls: inputs[i].tls ?? null }, h.name));
  return rows.map((h) => toHostView(h));
}

export async function updateHost(id: string, input: z.infer<typeof HostUpdateInput>): Promise<HostView> {
  if (!(await db.host.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Host");
  if (
    input.name &&
    (await db.host.findFirst({ where: { name: input.name, id: { not: id } }, select: { id: true } }))
  )
    throw conflict(`A host named "${input.name}" already exists`, { name: "already taken" });
  await checkNodeExporter(input.nodeExporterUrl);
  const h = await db.host.update({
    where: { id },
    data: { name: input.name, labels: input.labels, nodeExporterUrl: input.nodeExporterUrl },
    include,
  });
  renameFleetHost(h.id, h.name);
  return toHostView(h);
}

/** Forgets the host; its containers keep running untouched. Hosts that still carry Wharf apps are kept. */
export async function deleteHost(id: string) {
  if (!(await db.host.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Host");
  const apps = await db.app.count({ where: { hostId: id } });
  if (apps > 0) throw conflict(`Host still carries ${apps} Wharf app(s); remove or move them first`);
  await db.host.delete({ where: { id } });
  forgetDocker(id);
  unfollowHost(id);
}

export async function setHostGrants(id: string, tenantIds: string[]): Promise<HostView> {
  if (!(await db.host.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Host");
  const unique = [...new Set(tenantIds)];
  if ((await db.tenant.count({ where: { id: { in: unique } } })) !== unique.length)
    throw invalid("tenantIds: unknown tenant", { tenantIds: "unknown tenant" });
  await db.$transaction([
    db.hostGrant.deleteMany({ where: { hostId: id, tenantId: { notIn: unique } } }),
    ...unique.map((tenantId) =>
      db.hostGrant.upsert({
        where: { hostId_tenantId: { hostId: id, tenantId } },
        create: { hostId: id, tenantId },
        update: {},
      }),
    ),
  ]);
  noteGrantsChanged();
  return getHostUnchecked(id);
}

async function getHostUnchecked(id: string) {
  const h = await db.host.findUniqueOrThrow({ where: { id }, include });
  return toHostView(h);
}

/** Is this host granted to this tenant? Deploys and builds check it on the server. */
export async function isHostGranted(hostId: string, tenantId: string) {
  return (await db.hostGrant.count({ where: { hostId, tenantId } })) > 0;
}

/** First run: the local engine becomes a host when its socket exists (once, however many instances start). */
export async function registerLocalEngine() {
  if ((await db.host.count()) > 0 || !fs.existsSync(config.localDockerSocket)) return;
  const url = `unix://${config.localDockerSocket}`;
  try {
    const engine = await probeEngine({ url });
    await db.host.create({
      data: {
        name: "local",
        url,
        engineInfo: engine,
        labels: { local: "true" },
      },
    });
    // startFleet (the next start-up hook) follows every registered host, this one included.
    console.log(`[wharf] registered the local engine (${engine.version}) as host "local"`);
  } catch (err) {
    // Instances started at the same moment on one database: the unique host name lets one of them register it.
    if (isUniqueViolation(err)) return console.log('[wharf] host "local" was registered by another instance');
    console.warn(`[wharf] local engine at ${url} not registered: ${errorText(err)}`);
  }
}
