import { z } from "zod";
import type { Operation } from "@/lib/openapi/types";
import { SharedImageInput, SharedImageView } from "@/lib/validations/image";

export const ownershipOperations: Operation[] = [
  {
    method: "get",
    path: "/images/shared",
    tag: "images",
    summary: "Images an admin shared with every tenant (any signed-in user)",
    response: z.object({ items: z.array(SharedImageView) }),
  },
  {
    method: "post",
    path: "/images/shared",
    tag: "images",
    summary: "Share an image reference with every tenant (admin; audited as image.share)",
    body: SharedImageInput,
    response: SharedImageView,
    status: 201,
  },
  {
    method: "delete",
    path: "/images/shared/{id}",
    tag: "images",
    summary: "Stop sharing an image (admin; audited as image.unshare). Running apps keep running.",
    status: 204,
  },
];
