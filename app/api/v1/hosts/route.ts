import { created, readJson, readQuery, withAuth } from "@/lib/api/with-auth";
import { createHost, listHosts } from "@/lib/services/hosts";
import { TenantScopeQuery } from "@/lib/validations/common";
import { HostCreateInput } from "@/lib/validations/host";

/** The hosts the caller may see (members: granted to their tenants); `?tenantId=`: granted to that tenant. */
export const GET = withAuth(async ({ req, actor }) => ({
  items: await listHosts(actor, readQuery(req, TenantScopeQuery).tenantId),
}));

/** Admins only: a host URL makes the server connect somewhere. */
export const POST = withAuth(
  async ({ req, audit }) => {
    const input = HostCreateInput.parse(await readJson(req));
    audit.detail = { name: input.name, url: input.url, tls: !!input.tls };
    const host = await createHost(input);
    Object.assign(audit, { targetType: "host", targetId: host.id });
    return created(host);
  },
  { action: "host.create", globalRole: "admin" },
);
