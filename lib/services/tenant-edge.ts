import "server-only";
import { conflict, forbidden, notFound } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { requireTenantExists, requireTenantRole } from "@/lib/authz";
import { db } from "@/lib/db";
import { isUnder, type TenantEdgeSettings, type TenantEdgeView } from "@/lib/validations/domain";

// A tenant's edge settings: the base domains its developers may attach names under, and whether they may
// attach other (custom) domains. Only admins set them (a base is a promise that the names under it are the
// tenant's); the tenant's members read them (the domain form names them).

export async function getTenantEdge(actor: Actor, tenantId: string): Promise<TenantEdgeView> {
  requireTenantRole(actor, tenantId, "viewer", "Tenant");
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { edgeCustomDomains: true } });
  if (!tenant) throw notFound("Tenant");
  const bases = await db.edgeBaseDomain.findMany({ where: { tenantId }, orderBy: { domain: "asc" } });
  return { tenantId, baseDomains: bases.map((b) => b.domain), customDomains: tenant.edgeCustomDomains };
}

/** Replaces the tenant's settings. A base equal to, inside or around another tenant's base is refused (409). */
export async function setTenantEdge(actor: Actor, tenantId: string, input: TenantEdgeSettings) {
  requireTenantRole(actor, tenantId, "viewer", "Tenant");
  if (!isAdmin(actor)) throw forbidden("Only an admin sets a tenant's domains");
  await requireTenantExists(tenantId);
  const bases = [...new Set(input.baseDomains)].sort();
  const others = await db.edgeBaseDomain.findMany({ where: { tenantId: { not: tenantId } } });
  for (const [i, base] of bases.entries()) {
    const clash = others.find((o) => isUnder(base, o.domain) || isUnder(o.domain, base));
    if (clash)
      throw conflict(`baseDomains.${i}: overlaps another tenant's base domain`, {
        [`baseDomains.${i}`]: "overlaps another tenant's base domain",
      });
  }
  await db.$transaction([
    db.edgeBaseDomain.deleteMany({ where: { tenantId, domain: { notIn: bases } } }),
    ...bases.map((domain) =>
      db.edgeBaseDomain.upsert({ where: { domain }, create: { domain, tenantId }, update: {} }),
    ),
    db.tenant.update({ where: { id: tenantId }, data: { edgeCustomDomains: input.customDomains } }),
  ]);
  return getTenantEdge(actor, tenantId);
}
