import "server-only";
import { type z } from "zod";
import { conflict, notFound } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { recheckStreamsOf } from "@/lib/auth/live-streams";
import { requireTenantExists, requireTenantRole, tenantRole } from "@/lib/authz";
import { db } from "@/lib/db";
import { slugify } from "@/lib/validations/common";
import { accessReason } from "@/lib/validations/fleet-views";
import type {
  MemberInput,
  MembershipView,
  MemberView,
  TenantDetailView,
  TenantImpactView,
  TenantCreateInput,
  TenantUpdateInput,
  TenantView,
} from "@/lib/validations/tenant";

type TenantRow = {
  id: string;
  name: string;
  slug: string;
  maxContainers: number;
  maxMemoryMb: number;
  maxCpus: number;
  createdAt: Date;
  _count: { projects: number; memberships: number };
};

function toView(actor: Actor, t: TenantRow): TenantView {
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    maxContainers: t.maxContainers,
    maxMemoryMb: t.maxMemoryMb,
    maxCpus: t.maxCpus,
    role: tenantRole(actor, t.id),
    projectCount: t._count.projects,
    memberCount: t._count.memberships,
    createdAt: t.createdAt.toISOString(),
  };
}

const withCounts = { _count: { select: { projects: true, memberships: true } } } as const;

export async function listTenants(actor: Actor): Promise<TenantView[]> {
  const where =
    isAdmin(actor) || actor.globalRole === "ops" ? {} : { id: { in: [...actor.memberships.keys()] } };
  const rows = await db.tenant.findMany({ where, include: withCounts, orderBy: { name: "asc" } });
  return rows.map((t) => toView(actor, t));
}

export async function getTenant(actor: Actor, id: string): Promise<TenantView> {
  requireTenantRole(actor, id, "viewer", "Tenant");
  const t = await db.tenant.findUnique({ where: { id }, include: withCounts });
  if (!t) throw notFound("Tenant");
  return toView(actor, t);
}

export async function createTenant(
  actor: Actor,
  input: z.infer<typeof TenantCreateInput>,
): Promise<TenantView> {
  const slug = input.slug ?? slugify(input.name);
  if (await db.tenant.findUnique({ where: { slug } }))
    throw conflict(`A tenant with slug "${slug}" already exists`, { slug: "already taken" });
  if (await db.tenant.findUnique({ where: { name: input.name } }))
    throw conflict(`A tenant named "${input.name}" already exists`, { name: "already taken" });
  const t = await db.tenant.create({ data: { ...input, slug }, include: withCounts });
  return toView(actor, t);
}

export async function updateTenant(
  actor: Actor,
  id: string,
  input: z.infer<typeof TenantUpdateInput>,
): Promise<TenantView> {
  await getTenant(actor, id);
  const t = await db.tenant.update({ where: { id }, data: input, include: withCounts });
  return toView(actor, t);
}

/** A tenant with what deleting it would remove (GET /tenants/{id}). */
export async function getTenantDetail(actor: Actor, id: string): Promise<TenantDetailView> {
  const tenant = await getTenant(actor, id);
  return { ...tenant, impact: await tenantDeletionImpact(id) };
}

/** What deleting a tenant removes; the UI shows it before asking for confirmation. */
export async function tenantDeletionImpact(id: string): Promise<TenantImpactView> {
  const [projects, apps, members, registries] = await Promise.all([
    db.project.count({ where: { tenantId: id } }),
    db.app.count({ where: { project: { tenantId: id } } }),
    db.membership.count({ where: { tenantId: id } }),
    db.registry.count({ where: { tenantId: id } }),
  ]);
  return { projects, apps, members, registries };
}

export async function deleteTenant(actor: Actor, id: string, confirmed: boolean): Promise<TenantImpactView> {
  await getTenant(actor, id);
  const impact = await tenantDeletionImpact(id);
  if ((impact.projects > 0 || impact.registries > 0) && !confirmed) {
    throw conflict(
      `Tenant still owns ${impact.projects} project(s) with ${impact.apps} app(s) and ${impact.registries} registr(ies); deleting removes them and ${impact.members} membership(s). Repeat with confirm=true.`,
      { confirm: "required" },
    );
  }
  const members = await db.membership.findMany({ where: { tenantId: id }, select: { userId: true } });
  await db.tenant.delete({ where: { id } });
  await recheckStreamsOf(
    members.map((m) => m.userId),
    "the tenant was deleted",
  );
  return impact;
}

export async function setMembership(
  actor: Actor,
  tenantId: string,
  input: z.infer<typeof MemberInput>,
): Promise<MembershipView> {
  requireTenantRole(actor, tenantId, "owner", "Tenant");
  await requireTenantExists(tenantId);
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true } });
  if (!user) throw notFound("User");
  if (input.role === null) {
    await db.membership.deleteMany({ where: { tenantId, userId: input.userId } });
    await recheckStreamsOf(input.userId, accessReason.membershipRemoved);
    return { tenantId, userId: input.userId, role: null };
  }
  const m = await db.membership.upsert({
    where: { userId_tenantId: { userId: input.userId, tenantId } },
    create: { userId: input.userId, tenantId, role: input.role },
    update: { role: input.role },
  });
  await recheckStreamsOf(input.userId, accessReason.roleChanged(m.role));
  return { tenantId, userId: m.userId, role: input.role };
}

export async function listMembers(actor: Actor, tenantId: string): Promise<MemberView[]> {
  requireTenantRole(actor, tenantId, "viewer", "Tenant");
  const rows = await db.membership.findMany({
    where: { tenantId },
    include: { user: { select: { id: true, email: true, name: true, disabled: true } } },
  });
  return rows.map((m) => ({
    userId: m.userId,
    email: m.user.email,
    name: m.user.name,
    disabled: m.user.disabled,
    role: m.role,
  }));
}
