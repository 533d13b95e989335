import { readJson, readQuery, withAuth } from "@/lib/api/with-auth";
import { deleteTenant, getTenantDetail, updateTenant } from "@/lib/services/tenants";
import { TenantDeleteQuery, TenantUpdateInput } from "@/lib/validations/tenant";

export const GET = withAuth(async ({ actor, params }) => getTenantDetail(actor, params.id));

export const PATCH = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = TenantUpdateInput.parse(await readJson(req));
    Object.assign(audit, { tenantId: params.id, targetType: "tenant", targetId: params.id, detail: input });
    return updateTenant(actor, params.id, input);
  },
  { action: "tenant.update", globalRole: "admin" },
);

export const DELETE = withAuth(
  async ({ req, actor, params, audit }) => {
    const { confirm } = readQuery(req, TenantDeleteQuery);
    Object.assign(audit, { tenantId: params.id, targetType: "tenant", targetId: params.id });
    const removed = await deleteTenant(actor, params.id, confirm === "true");
    audit.detail = { removed };
    return { removed };
  },
  { action: "tenant.delete", globalRole: "admin" },
);
