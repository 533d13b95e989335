import { withAuth } from "@/lib/api/with-auth";
import { acknowledgeAlert } from "@/lib/services/alerts";

export const POST = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "alert", targetId: params.id });
    const alert = await acknowledgeAlert(actor, params.id);
    audit.tenantId = alert.tenantId ?? undefined;
    return alert;
  },
  { action: "alert.acknowledge" },
);
