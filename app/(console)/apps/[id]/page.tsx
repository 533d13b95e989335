import Link from "next/link";
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
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <Link href="/projects" className="hover:underline">
          Projects
        </Link>{" "}
        /{" "}
        <Link href={`/projects/${app.projectId}`} className="hover:underline">
          {app.project.name}
        </Link>
      </nav>
      <AppView id={app.id} projectId={app.projectId} canWrite={canWrite} />
    </>
  );
}
