import { ProjectApps } from "@/components/apps/project-apps";
import { ProjectBuilds } from "@/components/builds/project-builds";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { orNotFound, requireActor } from "@/lib/auth/current";
import { tenantRole } from "@/lib/authz";
import { getProject } from "@/lib/services/projects";
import { roleAtLeast } from "@/lib/validations/roles";

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const project = await orNotFound(getProject(actor, id));
  const canWrite = roleAtLeast(tenantRole(actor, project.tenantId), "developer");
  return (
    <>
      <Breadcrumb trail={[{ label: "Projects", href: "/projects" }, { label: project.tenantName }]} />
      <PageHeader title={project.name} description={`Tenant ${project.tenantName} · slug ${project.slug}`} />
      <div className="space-y-6">
        <ProjectApps projectId={project.id} canWrite={canWrite} />
        <ProjectBuilds projectId={project.id} canWrite={canWrite} />
      </div>
    </>
  );
}
