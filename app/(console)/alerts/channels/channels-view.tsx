"use client";
import { toast } from "sonner";
import { ownerName } from "@/components/alerts/alert-badges";
import { ChannelForm } from "@/components/alerts/channel-form";
import { OwnedList } from "@/components/alerts/owned-list";
import type { Owner } from "@/components/alerts/owner-select";
import { formatAgo } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Td } from "@/components/ui/table";
import { useAlertChannels, useAlertMutations } from "@/lib/client/hooks/use-alerts";
import { useTenantScope } from "@/lib/client/tenant-context";
import type { SendView } from "@/lib/validations/alerts";

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
  return (
    <OwnedList
      what="channel"
      title="Notification channels"
      description="Where alert rules send: a signed JSON webhook, Slack, Discord or e-mail. Targets pass the egress policy and are stored encrypted."
      empty={[
        "No channels yet",
        "Add a channel, press Test to check that it arrives, then pick it in a rule.",
      ]}
      owners={owners}
      items={channels}
      loadingRows={2}
      head={["Name", "Kind", "Target", "Owner", "Last send"]}
      cells={(c) => (
        <>
          <Td className="font-medium">{c.name}</Td>
          <Td>{c.kind}</Td>
          <Td className="text-sm [overflow-wrap:anywhere]">{c.target}</Td>
          <Td>{ownerName(c.tenantId, tenants)}</Td>
          <Td>
            <LastSend send={c.sends[0]} />
          </Td>
        </>
      )}
      actions={(c) => ({
        lead: (
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
        ),
      })}
      Form={ChannelForm}
      remove={removeChannel}
      deleteNote="Rules that use it stop sending there; its stored target and send records are erased."
    />
  );
}
