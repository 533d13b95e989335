import "server-only";
import { withAuth } from "@/lib/api/with-auth";
import { changeAppState } from "@/lib/services/apps";
import type { LifecycleAction } from "@/lib/validations/app";

/** POST /apps/{id}/start|stop|restart: the same handler for each lifecycle action, audited as app.<action>. */
export function appStateRoute(action: LifecycleAction) {
  return withAuth(
    async ({ actor, params, audit }) => {
      Object.assign(audit, { targetType: "app", targetId: params.id });
      const app = await changeAppState(actor, params.id, action);
      audit.tenantId = app.tenantId;
      return app;
    },
    { action: `app.${action}` },
  );
}
