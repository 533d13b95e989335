import { readQuery, withAuth } from "@/lib/api/with-auth";
import { listAllApps } from "@/lib/services/apps";
import { TenantScopeQuery } from "@/lib/validations/common";

/** Every app the caller can see, across their tenants' projects (or one tenant's: `?tenantId=`). */
export const GET = withAuth(async ({ req, actor }) => ({
  items: await listAllApps(actor, readQuery(req, TenantScopeQuery).tenantId),
}));
