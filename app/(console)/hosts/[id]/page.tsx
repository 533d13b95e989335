import { seesEverything } from "@/lib/auth/actor";
import { orNotFound, requireActor } from "@/lib/auth/current";
import { getHost } from "@/lib/services/hosts";
import { HostView } from "./host-view";

export const metadata = { title: "Host" };

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  // Same rule as the API: a host the viewer may not see does not exist for them.
  await orNotFound(getHost(actor, id));
  return <HostView id={id} isAdmin={actor.globalRole === "admin"} staff={seesEverything(actor)} />;
}
