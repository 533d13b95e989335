import { created, readJson, withAuth } from "@/lib/api/with-auth";
import { listSharedImages, shareImage } from "@/lib/services/shared-images";
import { SharedImageInput } from "@/lib/validations/image";

export const GET = withAuth(async () => ({ items: await listSharedImages() }));

export const POST = withAuth(
  async ({ req, actor, audit }) => {
    const shared = await shareImage(actor, SharedImageInput.parse(await readJson(req)));
    Object.assign(audit, {
      targetType: "shared-image",
      targetId: shared.id,
      detail: { reference: shared.reference },
    });
    return created(shared);
  },
  { action: "image.share", globalRole: "admin" },
);
