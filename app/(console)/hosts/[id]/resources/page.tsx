import Link from "next/link";
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
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <Link href="/hosts" className="hover:underline">
          Hosts
        </Link>{" "}
        /{" "}
        <Link href={`/hosts/${host.id}`} className="hover:underline">
          {host.name}
        </Link>{" "}
        / resources
      </nav>
      <HostResourcesView
        hostId={host.id}
        hostName={host.name}
        canChange={actor.globalRole === "admin" || actor.globalRole === "ops"}
      />
    </>
  );
}
