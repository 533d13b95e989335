import { withAuth } from "@/lib/api/with-auth";
import { changeAppState } from "@/lib/services/apps";

export const POST = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "app", targetId: params.id });
    const app = await changeAppState(actor, params.id, "restart");
    audit.tenantId = app.tenantId;
    return app;
  },
  { action: "app.restart" },
);
