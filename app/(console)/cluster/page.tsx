import { requireActor } from "@/lib/auth/current";
import { ClusterView } from "./cluster-view";

export const metadata = { title: "Cluster health" };

export default async function ClusterPage() {
  await requireActor({ globalRole: "ops" });
  return <ClusterView />;
}
