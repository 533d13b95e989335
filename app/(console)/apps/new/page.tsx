import { notFound } from "next/navigation";
import { buildTitle } from "@/components/builds/format";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { orNotFound, requireActor } from "@/lib/auth/current";
import { tenantRole } from "@/lib/authz";
import { deployableBuild } from "@/lib/services/build-deploy";
import { getBuild } from "@/lib/services/builds";
import { getProject } from "@/lib/services/projects";
import { unscopedTag } from "@/lib/validations/image-tags";
import { roleAtLeast } from "@/lib/validations/roles";
import { NewAppView, type FromBuild } from "./new-app-view";

/** A build the reader may deploy, or a 404 page (not a developer of its tenant, or no image yet). */
async function fromBuildOr404(actor: Actor, buildId: string) {
  const b = await deployableBuild(actor, buildId).catch((err: unknown) => {
    if (err instanceof ApiError && err.status < 500) notFound();
    throw err;
  });
  const fromBuild: FromBuild = {
    id: b.buildId,
    image: b.image,
    imageName: b.tags[0] ? unscopedTag(b.tags[0]) : "",
    hostId: b.hostId,
    projects: b.projects,
  };
  return { fromBuild, projectId: b.projectId, title: buildTitle(await getBuild(actor, buildId)) };
}

type SearchParams = { searchParams: Promise<{ project?: string; sample?: string; build?: string }> };

export async function generateMetadata({ searchParams }: SearchParams) {
  const { sample, build } = await searchParams;
  return { title: sample ? "Deploy the sample" : build ? "Deploy this image" : "New app" };
}

export default async function NewAppPage({ searchParams }: SearchParams) {
  const actor = await requireActor();
  const { project: asked, sample, build } = await searchParams;
  const from = build ? await fromBuildOr404(actor, build) : null;
  // From a build: any project of the build's tenant (the build's own by default).
  const projectId = from && !from.fromBuild.projects.some((p) => p.id === asked) ? from.projectId : asked;
  if (!projectId) notFound();
  const project = await orNotFound(getProject(actor, projectId));
  if (!roleAtLeast(tenantRole(actor, project.tenantId), "developer")) notFound();
  return (
    <>
      <Breadcrumb
        trail={
          from
            ? [
                { label: "Builds", href: "/builds" },
                { label: from.title, href: `/builds/${from.fromBuild.id}` },
              ]
            : [
                { label: "Projects", href: "/projects" },
                { label: project.name, href: `/projects/${project.id}` },
              ]
        }
      />
      <PageHeader
        title={sample ? "Deploy the sample" : from ? "Deploy this image" : "New app"}
        description={
          from
            ? "The image this build made, as a new app in one of the tenant's projects. Review the plan, then deploy."
            : "From a compose file or an image, on a host or a Swarm granted to your tenant. Review the plan, then deploy."
        }
      />
      <NewAppView
        projectId={project.id}
        tenantId={project.tenantId}
        sample={!!sample}
        fromBuild={from?.fromBuild}
      />
    </>
  );
}
