import { created, readJson, withAuth } from "@/lib/api/with-auth";
import { createTenant, listTenants } from "@/lib/services/tenants";
import { TenantCreateInput } from "@/lib/validations/tenant";

export const GET = withAuth(async ({ actor }) => ({ items: await listTenants(actor) }));

export const POST = withAuth(
  async ({ req, actor, audit }) => {
    const tenant = await createTenant(actor, TenantCreateInput.parse(await readJson(req)));
    Object.assign(audit, {
      tenantId: tenant.id,
      targetType: "tenant",
      targetId: tenant.id,
      detail: { name: tenant.name },
    });
    return created(tenant);
  },
  { action: "tenant.create", globalRole: "admin" },
);
