import { Breadcrumb } from "@/components/ui/breadcrumb";
import { orNotFound, requireActor } from "@/lib/auth/current";
import { getHost } from "@/lib/services/hosts";
import { HostResourcesView } from "./host-resources-view";

export const metadata = { title: "Host resources" };

/** Images, volumes, networks, disk use and engine events of one host (admin and ops: these are shared by every tenant). */
export default async function HostResourcesPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor({ globalRole: "ops" });
  const { id } = await params;
  const host = await orNotFound(getHost(actor, id));
  return (
    <>
      <Breadcrumb
        trail={[
          { label: "Hosts", href: "/hosts" },
          { label: host.name, href: `/hosts/${host.id}` },
          { label: "resources" },
        ]}
      />
      <HostResourcesView
        hostId={host.id}
        hostName={host.name}
        canChange={actor.globalRole === "admin" || actor.globalRole === "ops"}
      />
    </>
  );
}
