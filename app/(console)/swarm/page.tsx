import { SwarmView } from "@/components/ops/swarm-view";
import { requireActor } from "@/lib/auth/current";

export const metadata = { title: "Swarm nodes" };

export default async function SwarmPage() {
  await requireActor({ globalRole: "ops" });
  return <SwarmView />;
}
