import { z } from "zod";
import { noContent, readQuery, withAuth } from "@/lib/api/with-auth";
import { removeHostImage } from "@/lib/services/host-engine";
import { ImageRef, ImageRemoveQuery } from "@/lib/validations/ops";

/** Removes an image by id; the engine refuses (409) while a container uses it unless force=true. */
export const DELETE = withAuth(
  async ({ req, params, audit }) => {
    const { force } = readQuery(req, ImageRemoveQuery);
    const imageId = z.object({ imageId: ImageRef }).parse({ imageId: params.imageId }).imageId;
    Object.assign(audit, {
      targetType: "image",
      targetId: params.imageId,
      detail: { hostId: params.id, force },
    });
    const res = await removeHostImage(params.id, imageId, force);
    Object.assign(audit, { detail: { hostId: params.id, force, ...res } });
    return noContent();
  },
  { action: "image.remove", globalRole: "ops" },
);
