"use client";
import Link from "next/link";
import { toast } from "sonner";
import { inOneHour, ownerName, SeverityBadge, StateBadge } from "@/components/alerts/alert-badges";
import { AlertsNav } from "@/components/alerts/alerts-nav";
import { formatAgo } from "@/components/format";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { actionsColumn, Table, Td } from "@/components/ui/table";
import { useAlertMutations, useAlerts } from "@/lib/client/hooks/use-alerts";
import { useTenantHref, useTenantScope } from "@/lib/client/tenant-context";
import type { AlertView } from "@/lib/validations/alerts";

type Props = { tenants: { id: string; name: string }[]; writable: (string | null)[] };

/** Firing alerts first: acknowledge (nobody is told again) or silence for an hour. */
export function AlertsView({ tenants, writable }: Props) {
  const tenantId = useTenantScope();
  const href = useTenantHref();
  const alerts = useAlerts(tenantId);
  const { acknowledge, silence } = useAlertMutations();
  const canWrite = (a: AlertView) => writable.includes(a.tenantId);
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Raised by the rules from what the fleet records: crash loops, exits, unhealthy containers, failed deploys and builds, hosts down."
      />
      <AlertsNav />
      {!alerts.isPending && !alerts.data?.length ? (
        <EmptyState
          title="No alerts"
          action={
            <Link href={href("/alerts/rules")} className={buttonClass()}>
              Set up a rule
            </Link>
          }
        >
          Nothing has fired. Add a rule (and a channel to be told by webhook, Slack, Discord or e-mail) so
          that a crash loop at 3 a.m. does not go unnoticed.
        </EmptyState>
      ) : (
        <Table label="Alerts" head={["Alert", "State", "Severity", "Owner", "Fired", actionsColumn]}>
          <tbody>
            {alerts.isPending ? (
              <SkeletonRows rows={3} columns={6} />
            ) : (
              alerts.data?.map((a) => (
                <tr key={a.id} data-testid="alert-row">
                  <Td className="font-medium [overflow-wrap:anywhere]">
                    <Link href={href(`/alerts/${a.id}`)} className="hover:underline">
                      {a.title}
                    </Link>
                    {a.acknowledgedAt ? (
                      <span className="ml-2 text-xs text-slate-500">acknowledged by {a.acknowledgedBy}</span>
                    ) : null}
                    {a.silencedUntil && Date.parse(a.silencedUntil) > Date.now() ? (
                      <span className="ml-2 text-xs text-slate-500">silenced</span>
                    ) : null}
                  </Td>
                  <Td>
                    <StateBadge state={a.state} />
                  </Td>
                  <Td>
                    <SeverityBadge severity={a.severity} />
                  </Td>
                  <Td>{ownerName(a.tenantId, tenants)}</Td>
                  <Td className="whitespace-nowrap text-slate-500">{formatAgo(a.firedAt)}</Td>
                  <Td className="text-right">
                    {a.state === "firing" && canWrite(a) ? (
                      <div className="flex justify-end gap-1">
                        {a.acknowledgedAt ? null : (
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() =>
                              acknowledge.mutate(a.id, { onSuccess: () => toast.success("Acknowledged") })
                            }
                          >
                            Acknowledge
                          </Button>
                        )}
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() =>
                            silence.mutate(
                              { id: a.id, until: inOneHour() },
                              { onSuccess: () => toast.success("Silenced for an hour") },
                            )
                          }
                        >
                          Silence 1 h
                        </Button>
                      </div>
                    ) : null}
                  </Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      )}
    </>
  );
}
