import { withAuth } from "@/lib/api/with-auth";
import { changeAppState } from "@/lib/services/apps";

/** Restarts one service's containers (standalone) or forces a rolling update of its tasks (Swarm). */
export const POST = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "app", targetId: params.id, detail: { service: params.service } });
    const app = await changeAppState(actor, params.id, "restart", params.service);
    audit.tenantId = app.tenantId;
    return app;
  },
  { action: "app.service.restart" },
);
