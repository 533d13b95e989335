import { noContent, withAuth } from "@/lib/api/with-auth";
import { unshareObject } from "@/lib/services/shared-objects";

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { tenantId: params.id, targetType: "shared-object", targetId: params.shareId });
    audit.detail = await unshareObject(actor, params.id, params.shareId);
    return noContent();
  },
  { action: "tenant.object.unshare", globalRole: "admin" },
);
