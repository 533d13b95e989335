"use client";
import { toast } from "sonner";
import { inOneHour, ownerName, SeverityBadge } from "@/components/alerts/alert-badges";
import { OwnedList } from "@/components/alerts/owned-list";
import type { Owner } from "@/components/alerts/owner-select";
import { RuleForm } from "@/components/alerts/rule-form";
import { Button } from "@/components/ui/button";
import { Td } from "@/components/ui/table";
import { useAlertMutations, useAlertRules } from "@/lib/client/hooks/use-alerts";
import { useTenantScope } from "@/lib/client/tenant-context";
import { ALERT_KIND_LABELS, type AlertRuleView } from "@/lib/validations/alerts";

type Props = { tenants: { id: string; name: string }[]; owners: Owner[] };

const condition = (r: AlertRuleView) =>
  ALERT_KIND_LABELS[r.kind]
    .replace(" N ", ` ${r.threshold} `)
    .replace(/ M minutes/, ` ${r.windowMinutes} minutes`);

export function RulesView({ tenants, owners }: Props) {
  const tenantId = useTenantScope();
  const rules = useAlertRules(tenantId);
  const { removeRule, silenceRule } = useAlertMutations();
  return (
    <OwnedList
      what="rule"
      title="Alert rules"
      description="Evaluated every few seconds over the stored fleet events; one alert per host (or tenant) however many containers fail together."
      empty={[
        "No alert rules yet",
        "Add a rule such as “a container restarts more than 3 times in 10 minutes”, and pick the channels it notifies.",
      ]}
      owners={owners}
      items={rules}
      loadingRows={3}
      head={["Name", "Condition", "Severity", "Owner", "Notifies", "Firing"]}
      cells={(r) => (
        <>
          <Td className="font-medium">
            {r.name}
            {r.enabled ? null : <span className="ml-2 text-xs text-slate-500">off</span>}
            {r.silencedUntil && Date.parse(r.silencedUntil) > Date.now() ? (
              <span className="ml-2 text-xs text-slate-500">silenced</span>
            ) : null}
          </Td>
          <Td className="text-sm">{condition(r)}</Td>
          <Td>
            <SeverityBadge severity={r.severity} />
          </Td>
          <Td>{ownerName(r.tenantId, tenants)}</Td>
          <Td className="text-sm">{r.channels.map((c) => c.name).join(", ") || "in-app only"}</Td>
          <Td className="tabular-nums">{r.firing}</Td>
        </>
      )}
      actions={(r) => ({
        middle: (
          <Button
            size="sm"
            variant="ghost"
            onClick={() =>
              silenceRule.mutate(
                { id: r.id, until: r.silencedUntil ? null : inOneHour() },
                {
                  onSuccess: () => toast.success(r.silencedUntil ? "Silence lifted" : "Silenced for an hour"),
                },
              )
            }
          >
            {r.silencedUntil ? "Unsilence" : "Silence 1 h"}
          </Button>
        ),
      })}
      Form={RuleForm}
      remove={removeRule}
      deleteNote="Its alerts and their history are deleted with it, and nobody is notified for it any more."
    />
  );
}
