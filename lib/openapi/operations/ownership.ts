import { list } from "@/lib/openapi/list";
import type { Operation } from "@/lib/openapi/types";
import { SharedImageInput, SharedImageView } from "@/lib/validations/image";
import { SharedObjectInput, SharedObjectView } from "@/lib/validations/shared-object";

export const ownershipOperations: Operation[] = [
  {
    method: "get",
    path: "/images/shared",
    tag: "images",
    summary: "Images an admin shared with every tenant (any signed-in user)",
    response: list(SharedImageView),
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
  {
    method: "get",
    path: "/tenants/{id}/shared-objects",
    tag: "tenants",
    summary:
      "Networks and volumes an admin shared with the tenant: its apps may name them with `external: true` (members; another tenant's answers 404)",
    response: list(SharedObjectView),
  },
  {
    method: "post",
    path: "/tenants/{id}/shared-objects",
    tag: "tenants",
    summary:
      "Share a host's network or volume with one tenant (admin; audited as tenant.object.share). The host must be granted to the tenant and hold the object (422 naming hostId or name otherwise).",
    body: SharedObjectInput,
    response: SharedObjectView,
    status: 201,
  },
  {
    method: "delete",
    path: "/tenants/{id}/shared-objects/{shareId}",
    tag: "tenants",
    summary:
      "Stop sharing a network or volume (admin; audited as tenant.object.unshare). Running containers stay attached; the next plan or deploy naming it is refused.",
    status: 204,
  },
];
