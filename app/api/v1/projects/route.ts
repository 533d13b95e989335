import { created, readJson, readQuery, withAuth } from "@/lib/api/with-auth";
import { createProject, listProjects } from "@/lib/services/projects";
import { ProjectCreateInput, ProjectListQuery } from "@/lib/validations/project";

export const GET = withAuth(async ({ req, actor }) => ({
  items: await listProjects(actor, readQuery(req, ProjectListQuery).tenantId),
}));

export const POST = withAuth(
  async ({ req, actor, audit }) => {
    const input = ProjectCreateInput.parse(await readJson(req));
    audit.tenantId = input.tenantId;
    const project = await createProject(actor, input);
    Object.assign(audit, { targetType: "project", targetId: project.id, detail: { name: project.name } });
    return created(project);
  },
  { action: "project.create" },
);
