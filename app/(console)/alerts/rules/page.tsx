import { requireActor } from "@/lib/auth/current";
import { RulesView } from "./rules-view";
import { alertOwners } from "../owners";

export const metadata = { title: "Alert rules" };

export default async function AlertRulesPage() {
  const actor = await requireActor();
  const { tenants, ruleOwners } = await alertOwners(actor);
  return <RulesView tenants={tenants} owners={ruleOwners} />;
}
