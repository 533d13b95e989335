import { noContent, readJson, readQuery, withAuth } from "@/lib/api/with-auth";
import { deleteHost, getHost, updateHost } from "@/lib/services/hosts";
import { TenantScopeQuery } from "@/lib/validations/common";
import { HostUpdateInput } from "@/lib/validations/host";

/** `?tenantId=` (the tenant context) narrows its container counts to that tenant's. */
export const GET = withAuth(async ({ req, actor, params }) =>
  getHost(actor, params.id, readQuery(req, TenantScopeQuery).tenantId),
);

export const PATCH = withAuth(
  async ({ req, params, audit }) => {
    const input = HostUpdateInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "host", targetId: params.id, detail: input });
    return updateHost(params.id, input);
  },
  { action: "host.update", globalRole: "admin" },
);

export const DELETE = withAuth(
  async ({ params, audit }) => {
    Object.assign(audit, { targetType: "host", targetId: params.id });
    await deleteHost(params.id);
    return noContent();
  },
  { action: "host.delete", globalRole: "admin" },
);
