import { requireActor } from "@/lib/auth/current";
import { AlertsView } from "./alerts-view";
import { alertOwners } from "./owners";

export const metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const actor = await requireActor();
  const { tenants, ruleOwners } = await alertOwners(actor);
  return <AlertsView tenants={tenants} writable={ruleOwners.map((o) => o.id)} />;
}
