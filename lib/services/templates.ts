import "server-only";
// App templates (docs/templates.md): every signed-in user reads the catalogue (built-in files first, then the
// admins' own); only admins add, change or delete their own. Built-in templates are files: read-only here.
import { conflict, forbidden, notFound } from "@/lib/api/errors";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { builtInTemplates } from "@/lib/deploy/templates/builtin";
import { checkTemplate } from "@/lib/deploy/templates/check";
import type { AppTemplate } from "@/lib/generated/prisma/client";
import {
  TemplateVariables,
  type TemplateInput,
  type TemplatePatch,
  type TemplateView,
} from "@/lib/validations/template";

async function toView(row: AppTemplate): Promise<TemplateView> {
  // Written only by createTemplate/updateTemplate after the same schema; a row that no longer reads shows none.
  const parsed = TemplateVariables.safeParse(JSON.parse(row.variables));
  const variables = parsed.success ? parsed.data : [];
  let images: string[] = [];
  try {
    ({ images } = checkTemplate(row.compose, variables));
  } catch {
    // Saved before a loader change made it invalid: still listed, the plan will say what is wrong.
  }
  const createdBy = row.createdById
    ? ((await db.user.findUnique({ where: { id: row.createdById }, select: { email: true } }))?.email ?? null)
    : null;
  return {
    id: row.slug,
    name: row.name,
    description: row.description,
    category: row.category,
    builtIn: false,
    compose: row.compose,
    variables: variables.map((v) => ({ ...v, required: v.default === undefined })),
    images,
    createdBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listTemplates(): Promise<TemplateView[]> {
  const own = await db.appTemplate.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }] });
  return [...(await builtInTemplates()), ...(await Promise.all(own.map(toView)))];
}

export async function getTemplate(slug: string): Promise<TemplateView> {
  const builtIn = (await builtInTemplates()).find((t) => t.id === slug);
  if (builtIn) return builtIn;
  const row = await db.appTemplate.findUnique({ where: { slug } });
  if (!row) throw notFound("Template");
  return toView(row);
}

function requireAdmin(actor: Actor) {
  if (!isAdmin(actor)) throw forbidden("Only an admin can add, change or delete templates");
}

/** A built-in template's slug answers 409 on every write: it is a file, changed by a release, not here. */
async function refuseBuiltIn(slug: string) {
  if ((await builtInTemplates()).some((t) => t.id === slug))
    throw conflict(`"${slug}" is a built-in template (examples/templates); it cannot be changed here`, {
      slug: "is a built-in template",
    });
}

export async function createTemplate(actor: Actor, input: TemplateInput): Promise<TemplateView> {
  requireAdmin(actor);
  await refuseBuiltIn(input.slug);
  checkTemplate(input.compose, input.variables);
  if (await db.appTemplate.findUnique({ where: { slug: input.slug } }))
    throw conflict(`A template "${input.slug}" already exists`, { slug: "already exists" });
  const row = await db.appTemplate.create({
    data: { ...input, variables: JSON.stringify(input.variables), createdById: actor.id },
  });
  return toView(row);
}

export async function updateTemplate(
  actor: Actor,
  slug: string,
  patch: TemplatePatch,
): Promise<TemplateView> {
  requireAdmin(actor);
  await refuseBuiltIn(slug);
  const row = await db.appTemplate.findUnique({ where: { slug } });
  if (!row) throw notFound("Template");
  const current = await toView(row);
  const compose = patch.compose ?? row.compose;
  const variables = patch.variables ?? current.variables.map(({ required: _required, ...v }) => v);
  checkTemplate(compose, variables);
  const updated = await db.appTemplate.update({
    where: { slug },
    data: { ...patch, compose, variables: JSON.stringify(variables) },
  });
  return toView(updated);
}

export async function deleteTemplate(actor: Actor, slug: string): Promise<{ name: string }> {
  requireAdmin(actor);
  await refuseBuiltIn(slug);
  const row = await db.appTemplate.findUnique({ where: { slug } });
  if (!row) throw notFound("Template");
  await db.appTemplate.delete({ where: { slug } });
  return { name: row.name };
}
