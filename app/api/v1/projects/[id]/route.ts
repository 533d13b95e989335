import { readJson, withAuth } from "@/lib/api/with-auth";
import { deleteProject, getProject, renameProject } from "@/lib/services/projects";
import { ProjectUpdateInput } from "@/lib/validations/project";

export const GET = withAuth(async ({ actor, params }) => getProject(actor, params.id));

export const PATCH = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = ProjectUpdateInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "project", targetId: params.id, detail: input });
    const project = await renameProject(actor, params.id, input);
    audit.tenantId = project.tenantId;
    return project;
  },
  { action: "project.update" },
);

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "project", targetId: params.id });
    const { tenantId } = await deleteProject(actor, params.id);
    audit.tenantId = tenantId;
    return new Response(null, { status: 204 });
  },
  { action: "project.delete" },
);
