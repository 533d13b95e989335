import { requireActor } from "@/lib/auth/current";
import { clusterKeys } from "@/lib/client/hooks/use-cluster";
import { clusterHealth } from "@/lib/ops/cluster-health";
import { Prefetched } from "../prefetched";
import { ClusterView } from "./cluster-view";

export const metadata = { title: "Cluster health" };

export default async function ClusterPage() {
  await requireActor({ globalRole: "ops" });
  // The last known figures are at hand; a cold cache (minutes of no viewer) misses the deadline and loads as before.
  return (
    <Prefetched seeds={[{ queryKey: clusterKeys.health, load: clusterHealth }]}>
      <ClusterView />
    </Prefetched>
  );
}
