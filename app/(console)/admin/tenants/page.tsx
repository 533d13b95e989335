import { requireActor } from "@/lib/auth/current";
import { TenantsView } from "./tenants-view";

export const metadata = { title: "Tenants" };

export default async function TenantsPage() {
  await requireActor({ globalRole: "admin" });
  return <TenantsView />;
}
