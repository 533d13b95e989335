"use client";
import { useState } from "react";
import { toast } from "sonner";
import { ownerName } from "@/components/alerts/alert-badges";
import { AlertsNav } from "@/components/alerts/alerts-nav";
import { ChannelForm } from "@/components/alerts/channel-form";
import { DeleteDialog } from "@/components/alerts/delete-dialog";
import type { Owner } from "@/components/alerts/owner-select";
import { formatAgo } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useAlertChannels, useAlertMutations } from "@/lib/client/hooks/use-alerts";
import { useTenantScope } from "@/lib/client/tenant-context";
import type { AlertChannelView, SendView } from "@/lib/validations/alerts";

type Props = { tenants: { id: string; name: string }[]; owners: Owner[] };

function LastSend({ send }: { send: SendView | undefined }) {
  if (!send) return <span className="text-slate-500">never</span>;
  const tone = send.outcome === "sent" ? "green" : send.outcome === "failed" ? "red" : "amber";
  return (
    <span title={send.error || undefined}>
      <Badge tone={tone}>{send.outcome}</Badge>{" "}
      <span className="text-xs text-slate-500">
        {send.reason}, {formatAgo(send.createdAt)}
        {send.attempts > 1 ? `, ${send.attempts} attempts` : ""}
      </span>
    </span>
  );
}

export function ChannelsView({ tenants, owners }: Props) {
  const tenantId = useTenantScope();
  const channels = useAlertChannels(tenantId);
  const { removeChannel, testChannel } = useAlertMutations();
  const [editing, setEditing] = useState<AlertChannelView | "new" | null>(null);
  const [deleting, setDeleting] = useState<AlertChannelView | null>(null);
  const canWrite = (c: AlertChannelView) => owners.some((o) => o.id === c.tenantId);
  const add = owners.length ? <Button onClick={() => setEditing("new")}>Add channel</Button> : null;
  return (
    <>
      <PageHeader
        title="Notification channels"
        description="Where alert rules send: a signed JSON webhook, Slack, Discord or e-mail. Targets pass the egress policy and are stored encrypted."
        actions={add}
      />
      <AlertsNav />
      {!channels.isPending && !channels.data?.length ? (
        <EmptyState title="No channels yet" action={add}>
          Add a channel, press Test to check that it arrives, then pick it in a rule.
        </EmptyState>
      ) : (
        <Table label="Notification channels">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Kind</Th>
              <Th>Target</Th>
              <Th>Owner</Th>
              <Th>Last send</Th>
              <Th className="text-right">Actions</Th>
            </tr>
          </thead>
          <tbody>
            {channels.isPending ? (
              <SkeletonRows columns={6} rows={2} />
            ) : (
              channels.data?.map((c) => (
                <tr key={c.id} data-testid={`channel-row-${c.name}`}>
                  <Td className="font-medium">{c.name}</Td>
                  <Td>{c.kind}</Td>
                  <Td className="text-sm [overflow-wrap:anywhere]">{c.target}</Td>
                  <Td>{ownerName(c.tenantId, tenants)}</Td>
                  <Td>
                    <LastSend send={c.sends[0]} />
                  </Td>
                  <Td className="text-right">
                    {canWrite(c) ? (
                      <div className="flex justify-end gap-1">
                        <Button
                          size="sm"
                          variant="ghost"
                          busy={testChannel.isPending && testChannel.variables === c.id}
                          onClick={() =>
                            testChannel.mutate(c.id, {
                              onSuccess: (s) =>
                                s.outcome === "sent"
                                  ? toast.success(`Test sent to ${c.name}`)
                                  : toast.error(`Test to ${c.name} failed: ${s.error}`),
                            })
                          }
                        >
                          Test
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => setEditing(c)}>
                          Edit
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => setDeleting(c)}>
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
      <ChannelForm editing={editing} onClose={() => setEditing(null)} owners={owners} />
      <DeleteDialog what="channel" target={deleting} remove={removeChannel} onClose={() => setDeleting(null)}>
        Rules that use it stop sending there; its stored target and send records are erased.
      </DeleteDialog>
    </>
  );
}
