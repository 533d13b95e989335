import { created, readJson, readQuery, withAuth } from "@/lib/api/with-auth";
import { createAlertChannel, listAlertChannels } from "@/lib/services/alert-channels";
import { AlertChannelCreateInput, AlertOwnerQuery } from "@/lib/validations/alerts";

export const GET = withAuth(async ({ req, actor }) => ({
  items: await listAlertChannels(actor, readQuery(req, AlertOwnerQuery).tenantId),
}));

export const POST = withAuth(
  async ({ req, actor, audit }) => {
    const input = AlertChannelCreateInput.parse(await readJson(req));
    // Never the target itself (URLs carry tokens): only what kind of channel it is.
    Object.assign(audit, {
      tenantId: input.tenantId ?? undefined,
      targetType: "alert-channel",
      detail: { name: input.name, kind: input.config.kind },
    });
    const channel = await createAlertChannel(actor, input);
    audit.targetId = channel.id;
    return created(channel);
  },
  { action: "alert-channel.create" },
);
