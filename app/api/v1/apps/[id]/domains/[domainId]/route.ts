import { withAuth } from "@/lib/api/with-auth";
import { appTenantId, detachDomain } from "@/lib/services/app-domains";

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, {
      targetType: "app",
      targetId: params.id,
      tenantId: await appTenantId(actor, params.id),
    });
    const removed = await detachDomain(actor, params.id, params.domainId);
    audit.detail = { host: removed.host, pathPrefix: removed.pathPrefix };
    return removed;
  },
  { action: "app.domain.detach" },
);
