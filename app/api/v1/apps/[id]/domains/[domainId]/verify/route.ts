import { withAuth } from "@/lib/api/with-auth";
import { appTenantId, verifyDomain } from "@/lib/services/app-domains";

/** Proof of control of a custom domain: Wharf fetches its challenge URL and routes it when the token matches. */
export const POST = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "app", targetId: params.id });
    audit.tenantId = await appTenantId(actor, params.id);
    audit.detail = { domainId: params.domainId };
    const verified = await verifyDomain(actor, params.id, params.domainId);
    audit.detail = { host: verified.host, pathPrefix: verified.pathPrefix };
    return verified;
  },
  { action: "app.domain.verify" },
);
