import { noContent, readJson, withAuth } from "@/lib/api/with-auth";
import { deleteTemplate, getTemplate, updateTemplate } from "@/lib/services/templates";
import { TemplatePatch } from "@/lib/validations/template";

export const GET = withAuth(async ({ params }) => getTemplate(params.id));

export const PATCH = withAuth(
  async ({ req, actor, params, audit }) => {
    Object.assign(audit, { targetType: "template", targetId: params.id });
    const patch = TemplatePatch.parse(await readJson(req));
    audit.detail = { fields: Object.keys(patch) };
    return updateTemplate(actor, params.id, patch);
  },
  { action: "template.update", globalRole: "admin" },
);

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "template", targetId: params.id });
    audit.detail = await deleteTemplate(actor, params.id);
    return noContent();
  },
  { action: "template.delete", globalRole: "admin" },
);
