import { readJson, withAuth } from "@/lib/api/with-auth";
import { appTenantId, detachDomain, updateDomainAuth } from "@/lib/services/app-domains";
import { DomainUpdateInput } from "@/lib/validations/domain";

/** Sets, replaces or removes the domain's basic auth (the password is hashed and never shown back). */
export const PATCH = withAuth(
  async ({ req, actor, params, audit }) => {
    Object.assign(audit, { targetType: "app", targetId: params.id });
    audit.tenantId = await appTenantId(actor, params.id);
    const input = DomainUpdateInput.parse(await readJson(req));
    // What changed and the user name (masked by the audit log like every auth-named field); never the password.
    const change = input.basicAuth ? "set" : "removed";
    const basicAuthUser = input.basicAuth?.username ?? null;
    audit.detail = { domainId: params.domainId, change, basicAuthUser };
    const updated = await updateDomainAuth(actor, params.id, params.domainId, input);
    audit.detail = { host: updated.host, pathPrefix: updated.pathPrefix, change, basicAuthUser };
    return updated;
  },
  { action: "app.domain.update" },
);

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "app", targetId: params.id });
    audit.tenantId = await appTenantId(actor, params.id);
    const removed = await detachDomain(actor, params.id, params.domainId);
    audit.detail = { host: removed.host, pathPrefix: removed.pathPrefix };
    return removed;
  },
  { action: "app.domain.detach" },
);
