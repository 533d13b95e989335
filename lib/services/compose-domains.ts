import "server-only";
import { conflict, invalid, toApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit";
import type { AppSpec } from "@/lib/compose/spec";
import { db } from "@/lib/db";
import { routable } from "@/lib/edge/routes";
import { edgeEnv } from "@/lib/edge/settings";
import { requestEdgeSync } from "@/lib/edge/sync";
import { claimOf, fixedPortProblem, swarmPortProblem } from "@/lib/services/domain-claims";
import { DOMAIN_LIMITS, type ServiceDomainSpec } from "@/lib/validations/domain";

// Domains declared in compose (`x-wharf: {domains}`, lib/compose/wharf-domains.ts), applied on deploy with the
// API's checks: refused before anything runs (the error names the compose key; a refused claim is audited as
// app.domain.attach, like the API's), and written after the deploy as source=compose rows. A domain dropped from
// the file is removed; API-attached domains are left alone.

type RoutedApp = { id: string; mode: string; host: { url: string }; project: { tenantId: string } };
type By = { id: string; admin: boolean; email?: string; ip?: string };
type Declared = ServiceDomainSpec & { service: string; field: string };

const key = (d: { host: string; pathPrefix: string }) => `${d.host} ${d.pathPrefix}`;

function declared(spec: AppSpec): Declared[] {
  return Object.entries(spec.services).flatMap(([service, svc]) =>
    (svc.domains ?? []).map((d, i) => ({
      ...d,
      service,
      field: `services.${service}.x-wharf.domains[${i}]`,
    })),
  );
}

async function check(by: By, app: RoutedApp, spec: AppSpec, domains: Declared[]): Promise<void> {
  const [first] = domains;
  const env = edgeEnv();
  if (!env)
    throw conflict(`${first.field}: no edge proxy is configured on this Wharf (WHARF_EDGE_ADMIN_URL)`, {
      [first.field]: "no edge proxy",
    });
  if (!routable(app, env))
    throw invalid(
      `${first.field}: domains route to Swarm apps and to standalone apps on this machine's engine only`,
      {
        [first.field]: "not on the edge proxy's engine",
      },
    );
  const seen = new Set<string>();
  for (const d of domains) {
    const fixed = fixedPortProblem(d.service, spec.services[d.service], `services.${d.service}.ports`);
    if (fixed) throw fixed;
    const unpublished =
      app.mode === "swarm"
        ? swarmPortProblem(d.service, spec.services[d.service], d.port, `${d.field}.port`)
        : null;
    if (unpublished) throw unpublished;
    if (seen.has(key(d)))
      throw invalid(`${d.field}.host: ${d.host}${d.pathPrefix} is declared twice`, {
        [`${d.field}.host`]: "declared twice",
      });
    seen.add(key(d));
    await claimOf(by.admin, app.project.tenantId, d.host, `${d.field}.host`);
    const taken = await db.appDomain.findUnique({
      where: { host_pathPrefix: { host: d.host, pathPrefix: d.pathPrefix } },
      select: { appId: true },
    });
    if (taken && taken.appId !== app.id)
      throw conflict(`${d.field}.host: this domain and path are routed to another app`, {
        [`${d.field}.host`]: "taken",
      });
  }
  const apiRows = await db.appDomain.findMany({
    where: { appId: app.id, source: "api" },
    select: { host: true, pathPrefix: true },
  });
  const total = new Set([...apiRows.map(key), ...seen]).size;
  if (total > DOMAIN_LIMITS.perApp)
    throw invalid(`at most ${DOMAIN_LIMITS.perApp} domains per app (${total} with the API's)`, {
      [first.field]: "too many domains",
    });
}

/** A preview copy (lib/services/app-previews.ts) gets pr-<n> names of its own, never the file's: those are its app's. */
const isPreview = async (appId: string) =>
  (await db.appPreview.count({ where: { previewAppId: appId } })) > 0;

/** Refuses a spec whose x-wharf domains the deployer may not route, before the deploy changes anything. */
export async function checkComposeDomains(by: By, app: RoutedApp, spec: AppSpec): Promise<void> {
  const domains = declared(spec);
  if (domains.length === 0 || (await isPreview(app.id))) return;
  try {
    await check(by, app, spec, domains);
  } catch (err) {
    const e = toApiError(err);
    await recordAudit({
      action: "app.domain.attach",
      outcome: e.status === 403 ? "denied" : "failure",
      actor: { id: by.id, email: by.email ?? "", ip: by.ip ?? "" },
      tenantId: app.project.tenantId,
      targetType: "app",
      targetId: app.id,
      detail: { source: "compose", hosts: domains.map((d) => d.host), status: e.status, error: e.message },
    });
    throw err;
  }
}

/** After a deploy: the app's source=compose rows become the spec's x-wharf domains. */
export async function applyComposeDomains(by: By, app: RoutedApp, spec: AppSpec): Promise<void> {
  if (await isPreview(app.id)) return;
  const domains = declared(spec);
  const rows = await db.appDomain.findMany({ where: { appId: app.id } });
  const wanted = new Set(domains.map(key));
  const gone = rows.filter((r) => r.source === "compose" && !wanted.has(key(r)));
  let changed = gone.length > 0;
  if (gone.length) await db.appDomain.deleteMany({ where: { id: { in: gone.map((r) => r.id) } } });
  for (const d of domains) {
    const fields = {
      service: d.service,
      port: d.port,
      redirectHttps: d.redirectHttps,
      basicAuthUser: d.basicAuth?.username ?? null,
      basicAuthHash: d.basicAuth?.hash ?? null,
      source: "compose" as const,
    };
    const row = rows.find((r) => key(r) === key(d));
    if (row) {
      const same = (Object.keys(fields) as (keyof typeof fields)[]).every((k) => row[k] === fields[k]);
      if (!same) await db.appDomain.update({ where: { id: row.id }, data: fields });
      changed ||= !same;
      continue;
    }
    const claim = await claimOf(by.admin, app.project.tenantId, d.host, `${d.field}.host`);
    await db.appDomain.create({
      data: {
        ...fields,
        host: d.host,
        pathPrefix: d.pathPrefix,
        appId: app.id,
        tenantId: app.project.tenantId,
        ...claim,
      },
    });
    changed = true;
  }
  if (changed) await requestEdgeSync();
}
