import { noContent, withAuth } from "@/lib/api/with-auth";
import { unshareImage } from "@/lib/services/shared-images";

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "shared-image", targetId: params.id });
    const { reference } = await unshareImage(actor, params.id);
    audit.detail = { reference };
    return noContent();
  },
  { action: "image.unshare", globalRole: "admin" },
);
