import Link from "next/link";
import { notFound } from "next/navigation";
import { NewAppView } from "@/components/apps/new-app-view";
import { PageHeader } from "@/components/ui/page-header";
import { orNotFound, requireActor } from "@/lib/auth/current";
import { tenantRole } from "@/lib/authz";
import { getProject } from "@/lib/services/projects";
import { roleAtLeast } from "@/lib/validations/roles";

export default async function NewAppPage({
  searchParams,
}: {
  searchParams: Promise<{ project?: string; sample?: string }>;
}) {
  const actor = await requireActor();
  const { project: projectId, sample } = await searchParams;
  if (!projectId) notFound();
  const project = await orNotFound(getProject(actor, projectId));
  if (!roleAtLeast(tenantRole(actor, project.tenantId), "developer")) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <Link href="/projects" className="hover:underline">
          Projects
        </Link>{" "}
        /{" "}
        <Link href={`/projects/${project.id}`} className="hover:underline">
          {project.name}
        </Link>
      </nav>
      <PageHeader
        title={sample ? "Deploy the sample" : "New app"}
        description="From a compose file or an image, on a host or a Swarm granted to your tenant. Review the plan, then deploy."
      />
      <NewAppView projectId={project.id} tenantId={project.tenantId} sample={!!sample} />
    </>
  );
}
