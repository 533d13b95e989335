import { Breadcrumb } from "@/components/ui/breadcrumb";
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
      <Breadcrumb
        trail={[
          { label: "Containers", href: "/containers" },
          ...(app ? [{ label: app.name, href: `/apps/${app.id}` }] : []),
          { label: detail.name },
        ]}
      />
      <ContainerView initial={detail} />
    </>
  );
}
