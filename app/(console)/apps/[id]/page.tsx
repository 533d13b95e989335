import { Breadcrumb } from "@/components/ui/breadcrumb";
import { isAdmin } from "@/lib/auth/actor";
import { orNotFound, requireActor } from "@/lib/auth/current";
import { tenantRole } from "@/lib/authz";
import { loadApp } from "@/lib/services/apps";
import { roleAtLeast } from "@/lib/validations/roles";
import { AppView } from "./app-view";

export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const app = await orNotFound(loadApp(actor, id));
  const canWrite = roleAtLeast(tenantRole(actor, app.project.tenantId), "developer");
  return (
    <>
      <Breadcrumb
        trail={[
          { label: "Projects", href: "/projects" },
          { label: app.project.name, href: `/projects/${app.projectId}` },
        ]}
      />
      <AppView id={app.id} projectId={app.projectId} canWrite={canWrite} isAdmin={isAdmin(actor)} />
    </>
  );
}
