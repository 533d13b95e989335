import { requireActor } from "@/lib/auth/current";
import { EgressView } from "./egress-view";

export const metadata = { title: "Egress allow-list" };

export default async function EgressPage() {
  await requireActor({ globalRole: "admin" });
  return <EgressView />;
}
