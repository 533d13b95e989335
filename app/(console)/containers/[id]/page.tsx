import Link from "next/link";
import { orNotFound, requireActor } from "@/lib/auth/current";
import { loadApp } from "@/lib/services/apps";
import { getContainerDetail } from "@/lib/services/containers";
import { ContainerView } from "./container-view";

export const metadata = { title: "Container" };

/** Same gate as the API: a container outside the viewer's scope is a 404 page, like a missing one. */
export default async function ContainerPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const detail = await orNotFound(getContainerDetail(actor, decodeURIComponent(id)));
  const app = detail.appId ? await loadApp(actor, detail.appId).catch(() => null) : null;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <Link href="/containers" className="hover:underline">
          Containers
        </Link>{" "}
        /{" "}
        {app ? (
          <>
            <Link href={`/apps/${app.id}`} className="hover:underline">
              {app.name}
            </Link>{" "}
            /{" "}
          </>
        ) : null}
        {detail.name}
      </nav>
      <ContainerView initial={detail} />
    </>
  );
}
