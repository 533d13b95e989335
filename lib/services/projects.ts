import "server-only";
import { type z } from "zod";
import { conflict, notFound } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireTenantRole, scopedTenantIds, tenantFilter } from "@/lib/authz";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { tenantOwnedView, withTenantName } from "@/lib/services/tenant-owned";
import { slugify } from "@/lib/validations/common";
import type { ProjectCreateInput, ProjectUpdateInput, ProjectView } from "@/lib/validations/project";

const include = withTenantName;
type Row = Prisma.ProjectGetPayload<{ include: typeof include }>;

const toView = (p: Row): ProjectView => ({ ...tenantOwnedView(p), name: p.name, slug: p.slug });

export async function listProjects(actor: Actor, tenantId?: string): Promise<ProjectView[]> {
  const rows = await db.project.findMany({
    where: tenantFilter(actor, await scopedTenantIds(actor, tenantId)),
    include,
    orderBy: { name: "asc" },
  });
  return rows.map(toView);
}

/** Loads a project the actor may act on with at least `min`; another tenant's project is a 404. */
export async function loadProject(
  actor: Actor,
  id: string,
  min: "viewer" | "developer" | "owner" = "viewer",
) {
  const p = await db.project.findUnique({
    where: { id },
    include: { tenant: { select: { name: true, slug: true } } },
  });
  if (!p) throw notFound("Project");
  requireTenantRole(actor, p.tenantId, min, "Project");
  return p;
}

export async function getProject(actor: Actor, id: string): Promise<ProjectView> {
  return toView(await loadProject(actor, id));
}

export async function createProject(
  actor: Actor,
  input: z.infer<typeof ProjectCreateInput>,
): Promise<ProjectView> {
  requireTenantRole(actor, input.tenantId, "developer", "Tenant");
  const slug = input.slug ?? slugify(input.name);
  if (await db.project.findUnique({ where: { tenantId_slug: { tenantId: input.tenantId, slug } } })) {
    throw conflict(`This tenant already has a project with slug "${slug}"`, { slug: "already taken" });
  }
  return toView(
    await db.project.create({ data: { tenantId: input.tenantId, name: input.name, slug }, include }),
  );
}

export async function renameProject(
  actor: Actor,
  id: string,
  input: z.infer<typeof ProjectUpdateInput>,
): Promise<ProjectView> {
  await loadProject(actor, id, "developer");
  return toView(await db.project.update({ where: { id }, data: { name: input.name }, include }));
}

export async function deleteProject(actor: Actor, id: string) {
  const p = await loadProject(actor, id, "developer");
  const apps = await db.app.count({ where: { projectId: id } });
  if (apps > 0) throw conflict(`Project still has ${apps} app(s); remove them first`);
  await db.project.delete({ where: { id } });
  return { id, tenantId: p.tenantId };
}
