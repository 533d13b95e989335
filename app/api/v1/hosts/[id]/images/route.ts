import { readQuery, withAuth } from "@/lib/api/with-auth";
import { hostImages } from "@/lib/services/host-engine";
import { TenantScopeQuery } from "@/lib/validations/common";

/** A host's images with size and the containers using each (admin and ops); `tenantId`: the images Wharf recorded that tenant building or pulling here. */
export const GET = withAuth(
  async ({ req, actor, params }) => ({
    items: await hostImages(actor, params.id, readQuery(req, TenantScopeQuery).tenantId),
  }),
  {
    globalRole: "ops",
  },
);
