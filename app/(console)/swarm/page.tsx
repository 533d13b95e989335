import { requireActor } from "@/lib/auth/current";
import { SwarmView } from "./swarm-view";

export const metadata = { title: "Swarm nodes" };

export default async function SwarmPage() {
  await requireActor({ globalRole: "ops" });
  return <SwarmView />;
}
