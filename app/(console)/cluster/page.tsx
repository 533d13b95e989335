import { ClusterView } from "@/components/ops/cluster-view";
import { requireActor } from "@/lib/auth/current";

export const metadata = { title: "Cluster health" };

export default async function ClusterPage() {
  await requireActor({ globalRole: "ops" });
  return <ClusterView />;
}
