import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { orNotFound, requireActor } from "@/lib/auth/current";
import { tenantRole } from "@/lib/authz";
import { listProjects } from "@/lib/services/projects";
import { getTemplate } from "@/lib/services/templates";
import { roleAtLeast } from "@/lib/validations/roles";
import { TemplateDeployView } from "./template-deploy-view";

export const metadata = { title: "Deploy a template" };

export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const template = await orNotFound(getTemplate((await params).id));
  // Only projects the actor may deploy into (developer or more); the server checks again on create.
  const projects = (await listProjects(actor))
    .filter((p) => roleAtLeast(tenantRole(actor, p.tenantId), "developer"))
    .map((p) => ({ id: p.id, name: p.name, tenantId: p.tenantId, tenantName: p.tenantName }));
  return (
    <>
      <Breadcrumb trail={[{ label: "Templates", href: "/templates" }, { label: template.category }]} />
      <PageHeader title={`Deploy ${template.name}`} description={template.description} />
      <TemplateDeployView template={template} projects={projects} />
    </>
  );
}
