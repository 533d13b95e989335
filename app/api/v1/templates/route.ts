import { created, readJson, withAuth } from "@/lib/api/with-auth";
import { createTemplate, listTemplates } from "@/lib/services/templates";
import { TemplateInput } from "@/lib/validations/template";

/** The catalogue for every signed-in user: built-in templates (the voting app first), then the admins' own. */
export const GET = withAuth(async () => ({ items: await listTemplates() }));

export const POST = withAuth(
  async ({ req, actor, audit }) => {
    const input = TemplateInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "template", targetId: input.slug, detail: { name: input.name } });
    return created(await createTemplate(actor, input));
  },
  { action: "template.create", globalRole: "admin" },
);
