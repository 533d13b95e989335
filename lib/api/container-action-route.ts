import "server-only";
import { withAuth } from "@/lib/api/with-auth";
import type { ContainerAction } from "@/lib/docker/container-actions";
import { actOnContainer } from "@/lib/services/containers";

/** POST /containers/{id}/{start|stop|restart|kill}: one audited handler per action. */
export function containerActionRoute(action: ContainerAction) {
  return withAuth(
    async ({ actor, params, audit }) => {
      Object.assign(audit, { targetType: "container", targetId: params.id });
      const c = await actOnContainer(actor, params.id, action);
      Object.assign(audit, {
        tenantId: c.tenantId,
        targetId: c.id,
        detail: { name: c.name, hostId: c.hostId },
      });
      return { ok: true, id: c.id, action };
    },
    { action: `container.${action}` },
  );
}
