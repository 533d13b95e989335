import { created, readJson, withAuth } from "@/lib/api/with-auth";
import { appTenantId, attachDomain, listAppDomains } from "@/lib/services/app-domains";
import { DomainCreateInput } from "@/lib/validations/domain";

export const GET = withAuth(async ({ actor, params }) => ({ items: await listAppDomains(actor, params.id) }));

/** Attaches a domain to a service port; a name another tenant holds is refused (403) and audited. */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    Object.assign(audit, { targetType: "app", targetId: params.id });
    audit.tenantId = await appTenantId(actor, params.id);
    const input = DomainCreateInput.parse(await readJson(req));
    audit.detail = {
      host: input.host,
      pathPrefix: input.pathPrefix,
      service: input.service,
      port: input.port,
      basicAuthUser: input.basicAuth?.username ?? null,
    };
    return created(await attachDomain(actor, params.id, input));
  },
  { action: "app.domain.attach" },
);
