import Link from "next/link";
import { ProjectApps } from "@/components/apps/project-apps";
import { ProjectBuilds } from "@/components/builds/project-builds";
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
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <Link href="/projects" className="hover:underline">
          Projects
        </Link>{" "}
        / {project.tenantName}
      </nav>
      <PageHeader title={project.name} description={`Tenant ${project.tenantName} · slug ${project.slug}`} />
      <div className="space-y-6">
        <ProjectApps projectId={project.id} canWrite={canWrite} />
        <ProjectBuilds projectId={project.id} canWrite={canWrite} />
      </div>
    </>
  );
}
