import { withAuth } from "@/lib/api/with-auth";
import { appTenantId, approveDomain } from "@/lib/services/app-domains";

/** An admin approves a custom domain (outside the tenant's base domains); it is routed from then on. */
export const POST = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "app", targetId: params.id });
    audit.tenantId = await appTenantId(actor, params.id);
    const approved = await approveDomain(actor, params.id, params.domainId);
    audit.detail = { host: approved.host, pathPrefix: approved.pathPrefix };
    return approved;
  },
  { action: "app.domain.approve", globalRole: "admin" },
);
