import "server-only";
import { forbidden, invalid } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { newChallengeToken } from "@/lib/edge/challenge";
import { isUnder } from "@/lib/validations/domain";

// Who may route a name (docs/edge.md, "Who may route which name"), decided from the database alone: the tenant's
// base domains (set by an admin), or a custom domain, routed once its control is proven (an HTTP token served by the
// edge, lib/edge/challenge.ts) or an admin approves it. Shared
// by the API (app-domains.ts) and compose's x-wharf domains (compose-domains.ts). `field` names the input in errors.

/**
 * Whether the tenant may route `host`: under its bases (approved), custom (approved when an admin asks, otherwise
 * pending with a fresh challenge token), or not. A custom name another tenant holds (at any path) is refused:
 * its DNS already points at the edge, so a token would "prove" it for anyone.
 */
export async function claimOf(
  admin: boolean,
  tenantId: string,
  host: string,
  field = "host",
): Promise<{ approved: boolean; challengeToken: string | null }> {
  const bases = await db.edgeBaseDomain.findMany({ select: { domain: true, tenantId: true } });
  const base = bases
    .filter((b) => isUnder(host, b.domain))
    .sort((a, b) => b.domain.length - a.domain.length)[0];
  if (base?.tenantId === tenantId) return { approved: true, challengeToken: null };
  if (base)
    throw forbidden(`${field}: this name is under another tenant's base domain`, { [field]: "not yours" });
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { edgeCustomDomains: true } });
  if (tenant?.edgeCustomDomains) {
    const held = await db.appDomain.findFirst({
      where: { host, tenantId: { not: tenantId } },
      select: { id: true },
    });
    if (held) throw forbidden(`${field}: another tenant routes this name`, { [field]: "not yours" });
    return { approved: admin, challengeToken: admin ? null : newChallengeToken() };
  }
  const own = bases.filter((b) => b.tenantId === tenantId).map((b) => b.domain);
  const allowed =
    own.length > 0 ? `use a name under ${own.join(", ")}` : "an admin has set no base domain for it";
  throw invalid(`${field}: not under your tenant's base domains (${allowed})`, {
    [field]: `not under your tenant's base domains (${allowed})`,
  });
}

/** A routed service publishes no fixed host port: it is reached through the edge proxy. */
export function fixedPortProblem(
  service: string,
  svc: { ports: { published?: unknown }[] },
  field: string,
): Error | null {
  const fixed = svc.ports.find((p) => p.published !== undefined);
  return fixed
    ? invalid(
        `${field}: "${service}" publishes host port ${String(fixed.published)}; a routed service is reached through the edge proxy, remove its fixed host ports`,
        { [field]: "publishes a fixed host port" },
      )
    : null;
}

/**
 * On Swarm, Caddy reaches each task at a host-mode port the engine picks per task (docs/edge.md, "Swarm"): the
 * routed container port must be published with no host port (compose `ports: ["8080"]`), or there is nothing to dial.
 */
export function swarmPortProblem(
  service: string,
  svc: { ports: { target: number; protocol: string; published?: unknown }[] },
  port: number,
  field: string,
): Error | null {
  return svc.ports.some((p) => p.target === port && p.protocol === "tcp" && p.published === undefined)
    ? null
    : invalid(
        `${field}: on Swarm, "${service}" must publish container port ${port} without a host port (compose ports: ["${port}"]) so that each task gets a port the edge proxy can reach`,
        { [field]: "not published without a host port on Swarm" },
      );
}
