import { notFound } from "next/navigation";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { ApiError } from "@/lib/api/errors";
import { loadApp } from "@/lib/services/apps";
import { tenantRole } from "@/lib/authz";
import { roleAtLeast } from "@/lib/auth/roles";
import { AppView } from "@/components/apps/app-view";

export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const app = await loadApp(actor, id).catch((err) => {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  });
  const canWrite = roleAtLeast(tenantRole(actor, app.project.tenantId), "developer");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <Link href="/projects" className="hover:underline">Projects</Link> / <Link href={`/projects/${app.projectId}`} className="hover:underline">{app.project.name}</Link>
      </nav>
      <AppView id={app.id} projectId={app.projectId} canWrite={canWrite} />
    </>
  );
}
