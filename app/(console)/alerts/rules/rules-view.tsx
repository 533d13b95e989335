"use client";
import { useState } from "react";
import { toast } from "sonner";
import { inOneHour, ownerName, SeverityBadge } from "@/components/alerts/alert-badges";
import { AlertsNav } from "@/components/alerts/alerts-nav";
import { DeleteDialog } from "@/components/alerts/delete-dialog";
import type { Owner } from "@/components/alerts/owner-select";
import { RuleForm } from "@/components/alerts/rule-form";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
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
  const [editing, setEditing] = useState<AlertRuleView | "new" | null>(null);
  const [deleting, setDeleting] = useState<AlertRuleView | null>(null);
  const canWrite = (r: AlertRuleView) => owners.some((o) => o.id === r.tenantId);
  const add = owners.length ? <Button onClick={() => setEditing("new")}>Add rule</Button> : null;
  return (
    <>
      <PageHeader
        title="Alert rules"
        description="Evaluated every few seconds over the stored fleet events; one alert per host (or tenant) however many containers fail together."
        actions={add}
      />
      <AlertsNav />
      {!rules.isPending && !rules.data?.length ? (
        <EmptyState title="No alert rules yet" action={add}>
          Add a rule such as “a container restarts more than 3 times in 10 minutes”, and pick the channels it
          notifies.
        </EmptyState>
      ) : (
        <Table label="Alert rules">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Condition</Th>
              <Th>Severity</Th>
              <Th>Owner</Th>
              <Th>Notifies</Th>
              <Th>Firing</Th>
              <Th className="text-right">Actions</Th>
            </tr>
          </thead>
          <tbody>
            {rules.isPending ? (
              <SkeletonRows columns={7} rows={3} />
            ) : (
              rules.data?.map((r) => (
                <tr key={r.id} data-testid={`rule-row-${r.name}`}>
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
                  <Td className="text-right">
                    {canWrite(r) ? (
                      <div className="flex justify-end gap-1">
                        <Button size="sm" variant="ghost" onClick={() => setEditing(r)}>
                          Edit
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() =>
                            silenceRule.mutate(
                              { id: r.id, until: r.silencedUntil ? null : inOneHour() },
                              {
                                onSuccess: () =>
                                  toast.success(r.silencedUntil ? "Silence lifted" : "Silenced for an hour"),
                              },
                            )
                          }
                        >
                          {r.silencedUntil ? "Unsilence" : "Silence 1 h"}
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => setDeleting(r)}>
                          Delete
                        </Button>
                      </div>
                    ) : (
                      <span className="text-xs text-slate-500">read only</span>
                    )}
                  </Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      )}
      <RuleForm editing={editing} onClose={() => setEditing(null)} owners={owners} />
      <DeleteDialog what="rule" target={deleting} remove={removeRule} onClose={() => setDeleting(null)}>
        Its alerts and their history are deleted with it, and nobody is notified for it any more.
      </DeleteDialog>
    </>
  );
}
