import { readQuery, withAuth } from "@/lib/api/with-auth";
import { hostVolumes } from "@/lib/services/host-engine";
import { TenantScopeQuery } from "@/lib/validations/common";

export const GET = withAuth(
  async ({ req, actor, params }) => ({
    items: await hostVolumes(actor, params.id, readQuery(req, TenantScopeQuery).tenantId),
  }),
  {
    globalRole: "ops",
  },
);
