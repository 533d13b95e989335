import "server-only";
import bcrypt from "bcryptjs";
import { ApiError, conflict, forbidden, invalid, notFound } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { FailureThrottle, keepFailures, releaseAttempts } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { currentSpec } from "@/lib/deploy/run";
import { servedCertificate, type ServedCertificate } from "@/lib/edge/certificates";
import { challengeProblem, challengeUrl, newChallengeToken } from "@/lib/edge/challenge";
import { routable } from "@/lib/edge/routes";
import { edgeEnv, routeUrl } from "@/lib/edge/settings";
import { requestEdgeSync, syncEdge } from "@/lib/edge/sync";
import type { AppDomain } from "@/lib/generated/prisma/client";
import { loadApp } from "@/lib/services/apps";
import { claimOf, fixedPortProblem, swarmPortProblem } from "@/lib/services/domain-claims";
import {
  DOMAIN_LIMITS,
  type BasicAuthInput,
  type DomainCreateInput,
  type DomainUpdateInput,
  type DomainView,
} from "@/lib/validations/domain";

// Domains attached to an app's service port (docs/edge.md). Who may claim a name is decided here, from the
// database: the tenant's base domains (set by an admin), or a custom domain proven by an HTTP token the edge
// serves (verifyDomain) or approved by an admin. One host + path
// belongs to one app (the table's unique key); a claim on another tenant's name is refused, and withAuth
// records the refusal in the audit log.

export function toDomainView(d: AppDomain, certificate: ServedCertificate | null = null): DomainView {
  return {
    id: d.id,
    appId: d.appId,
    tenantId: d.tenantId,
    service: d.service,
    port: d.port,
    host: d.host,
    pathPrefix: d.pathPrefix,
    redirectHttps: d.redirectHttps,
    approved: d.approved,
    challenge:
      !d.approved && d.challengeToken ? { url: challengeUrl(d.host, d.id), token: d.challengeToken } : null,
    source: d.source,
    basicAuthUser: d.basicAuthUser,
    url: routeUrl(d.host, d.pathPrefix),
    certificate,
    createdAt: d.createdAt.toISOString(),
  };
}

export async function listAppDomains(actor: Actor, appId: string): Promise<DomainView[]> {
  await loadApp(actor, appId, "viewer");
  const rows = await db.appDomain.findMany({
    where: { appId },
    orderBy: [{ host: "asc" }, { pathPrefix: "asc" }],
  });
  // Each routed name's served certificate (issuer, expiry), read over TLS from the edge, in parallel.
  const env = edgeEnv();
  const certs = await Promise.all(
    rows.map((d) =>
      env && d.approved ? servedCertificate(new URL(env.adminUrl).hostname, env.httpsPort, d.host) : null,
    ),
  );
  return rows.map((d, i) => toDomainView(d, certs[i]));
}

/** The service must be in the app's current revision and publish no fixed host port (it is reached via the edge). */
async function checkService(
  app: { mode: string; currentRevisionId: string | null },
  service: string,
  port: number,
) {
  const current = await currentSpec(app.currentRevisionId);
  if (!current) throw conflict("Deploy the app before attaching a domain", { service: "not deployed yet" });
  const svc = current.spec.services[service];
  if (!svc)
    throw invalid(`service: "${service}" is not a service of this app`, { service: "no such service" });
  const fixed = fixedPortProblem(service, svc, "service");
  if (fixed) throw fixed;
  const unpublished = app.mode === "swarm" ? swarmPortProblem(service, svc, port, "port") : null;
  if (unpublished) throw unpublished;
}

/**
 * `copiedAuth`: a preview copy keeps its parent domain's basic auth as stored (the hash; the password is not known),
 * in the same row write, so the copy is never routed without it.
 */
export async function attachDomain(
  actor: Actor,
  appId: string,
  input: DomainCreateInput,
  copiedAuth?: { basicAuthUser: string | null; basicAuthHash: string | null },
): Promise<DomainView> {
  const app = await loadApp(actor, appId, "developer");
  const env = edgeEnv();
  if (!env) throw conflict("No edge proxy is configured on this Wharf (WHARF_EDGE_ADMIN_URL)");
  if (!routable({ mode: app.mode, host: app.host }, env))
    throw invalid("app: domains route to Swarm apps and to standalone apps on this machine's engine only", {
      app: "not on the edge proxy's engine",
    });
  const tenantId = app.project.tenantId;
  const claim = await claimOf(isAdmin(actor), tenantId, input.host);
  await checkService(app, input.service, input.port);
  if ((await db.appDomain.count({ where: { appId } })) >= DOMAIN_LIMITS.perApp)
    throw invalid(`at most ${DOMAIN_LIMITS.perApp} domains per app`);
  const taken = await db.appDomain.findUnique({
    where: { host_pathPrefix: { host: input.host, pathPrefix: input.pathPrefix } },
    select: { appId: true },
  });
  if (taken)
    throw conflict(
      taken.appId === appId
        ? "host: this domain and path are already attached to this app"
        : "host: this domain and path are routed to another app",
      { host: "taken" },
    );
  const { basicAuth, ...fields } = input;
  const row = await db.appDomain.create({
    data: {
      ...fields,
      ...(copiedAuth?.basicAuthHash ? copiedAuth : await basicAuthColumns(basicAuth)),
      tenantId,
      appId,
      ...claim,
      source: "api",
    },
  });
  await requestEdgeSync();
  return toDomainView(row);
}

/** The user name and the password's bcrypt hash (cost 10; Caddy caches each check): the password is not kept. */
export async function basicAuthColumns(auth: BasicAuthInput | undefined) {
  return auth
    ? { basicAuthUser: auth.username, basicAuthHash: await bcrypt.hash(auth.password, 10) }
    : { basicAuthUser: null, basicAuthHash: null };
}

async function loadDomain(actor: Actor, appId: string, domainId: string) {
  const app = await loadApp(actor, appId, "developer");
  const row = await db.appDomain.findUnique({ where: { id: domainId } });
  if (!row || row.appId !== app.id) throw notFound("Domain");
  return row;
}

export async function detachDomain(actor: Actor, appId: string, domainId: string): Promise<DomainView> {
  const row = await loadDomain(actor, appId, domainId);
  await db.appDomain.delete({ where: { id: row.id } });
  await requestEdgeSync();
  return toDomainView(row);
}

/** An admin lets a custom domain be routed (the fallback proof of control). */
export async function approveDomain(actor: Actor, appId: string, domainId: string): Promise<DomainView> {
  if (!isAdmin(actor)) throw forbidden("Only an admin approves a custom domain");
  const row = await loadDomain(actor, appId, domainId);
  const updated = await db.appDomain.update({ where: { id: row.id }, data: { approved: true } });
  await requestEdgeSync();
  return toDomainView(updated);
}

/**
 * Sets, replaces (`{username, password}`) or removes (`null`) a domain's basic auth in place. The preview copies'
 * `pr-<n>.<host>` rows follow, so a preview is never left public when its app's site is protected. A compose
 * domain's auth is the file's (x-wharf basic_auth): refused here.
 */
export async function updateDomainAuth(
  actor: Actor,
  appId: string,
  domainId: string,
  input: DomainUpdateInput,
): Promise<DomainView> {
  const row = await loadDomain(actor, appId, domainId);
  if (row.source === "compose")
    throw invalid("basicAuth: this domain is declared in the app's compose file (x-wharf): change it there", {
      basicAuth: "declared in compose",
    });
  const auth = await basicAuthColumns(input.basicAuth ?? undefined);
  const previews = await db.appPreview.findMany({
    where: { appId: row.appId, previewAppId: { not: null } },
    select: { number: true, previewAppId: true },
  });
  const [updated] = await db.$transaction([
    db.appDomain.update({ where: { id: row.id }, data: auth }),
    ...previews.map((p) =>
      db.appDomain.updateMany({
        where: {
          appId: p.previewAppId ?? "",
          host: `pr-${p.number}.${row.host}`,
          pathPrefix: row.pathPrefix,
        },
        data: auth,
      }),
    ),
  ]);
  await requestEdgeSync();
  return toDomainView(updated);
}

/**
 * Each verify makes Wharf fetch a URL: VERIFY_LIMIT per minute per user in a tenant. Counted in the database with
 * the sign-in counters (lib/auth/throttle.ts), so every instance shares the count; a refused attempt's row is
 * deleted, so refusals do not push the wait further.
 */
const VERIFY_LIMIT = 5;
const verifyThrottle = new FailureThrottle("domain-verify", VERIFY_LIMIT, 60_000);

async function countVerify(actor: Actor, tenantId: string) {
  const key = `${tenantId}\n${actor.id}`;
  const slot = await verifyThrottle.reserve(key);
  if (!slot.over) return keepFailures(); // prunes old rows (every kind) at most once a minute
  await releaseAttempts([slot.id]);
  const wait = await verifyThrottle.retryAfter(key);
  throw new ApiError(
    429,
    "throttled",
    `Too many verifications (${VERIFY_LIMIT} a minute); try again in ${wait} s`,
    undefined,
    wait,
  );
}

/**
 * Proof of control: Wharf fetches http://<domain>/.well-known/wharf-challenge/<id> itself (lib/edge/challenge.ts)
 * and routes the domain when the answer is its token. The claim is checked again first (the tenant may have lost
 * custom domains, or another tenant may hold the name by now). A row from before tokens gets one here.
 */
export async function verifyDomain(actor: Actor, appId: string, domainId: string): Promise<DomainView> {
  let row = await loadDomain(actor, appId, domainId);
  if (row.approved) return toDomainView(row);
  await countVerify(actor, row.tenantId);
  const claim = await claimOf(false, row.tenantId, row.host);
  if (claim.approved) {
    row = await db.appDomain.update({
      where: { id: row.id },
      data: { approved: true, challengeToken: null },
    });
    await requestEdgeSync();
    return toDomainView(row);
  }
  if (!row.challengeToken) {
    row = await db.appDomain.update({ where: { id: row.id }, data: { challengeToken: newChallengeToken() } });
  }
  if (!edgeEnv()) throw conflict("No edge proxy is configured on this Wharf (WHARF_EDGE_ADMIN_URL)");
  // The edge serves the token before Wharf asks for it.
  await syncEdge().catch(() => {
    throw conflict("host: the edge proxy did not answer; try again", { host: "edge proxy unavailable" });
  });
  const problem = await challengeProblem(row.host, row.id, row.challengeToken ?? "");
  if (problem) throw conflict(`host: control not proven: ${problem}`, { host: problem });
  const done = await db.appDomain.update({
    where: { id: row.id },
    data: { approved: true, challengeToken: null },
  });
  await requestEdgeSync();
  return toDomainView(done);
}

/** The app's tenant, for the audit record of a domain change (written even when the change is refused). */
export async function appTenantId(actor: Actor, appId: string): Promise<string> {
  return (await loadApp(actor, appId, "viewer")).project.tenantId;
}
