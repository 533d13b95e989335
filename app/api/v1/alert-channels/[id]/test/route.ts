import { withAuth } from "@/lib/api/with-auth";
import { testAlertChannel } from "@/lib/services/alert-channels";

export const POST = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "alert-channel", targetId: params.id });
    const send = await testAlertChannel(actor, params.id);
    audit.detail = { outcome: send.outcome };
    return send;
  },
  { action: "alert-channel.test" },
);
