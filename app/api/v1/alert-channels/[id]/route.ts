import { noContent, readJson, withAuth } from "@/lib/api/with-auth";
import { deleteAlertChannel, updateAlertChannel } from "@/lib/services/alert-channels";
import { AlertChannelUpdateInput } from "@/lib/validations/alerts";

export const PATCH = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = AlertChannelUpdateInput.parse(await readJson(req));
    Object.assign(audit, {
      targetType: "alert-channel",
      targetId: params.id,
      detail: { name: input.name, targetChanged: !!input.config },
    });
    const channel = await updateAlertChannel(actor, params.id, input);
    audit.tenantId = channel.tenantId ?? undefined;
    return channel;
  },
  { action: "alert-channel.update" },
);

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "alert-channel", targetId: params.id });
    audit.tenantId = (await deleteAlertChannel(actor, params.id)).tenantId ?? undefined;
    return noContent();
  },
  { action: "alert-channel.delete" },
);
