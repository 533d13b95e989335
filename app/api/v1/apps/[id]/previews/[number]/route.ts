import { withAuth } from "@/lib/api/with-auth";
import { appTenantId } from "@/lib/services/app-domains";
import { removePreview } from "@/lib/services/app-previews";
import { PreviewNumber } from "@/lib/validations/preview";

/** Removes a preview now, with its volumes (developers), as closing the request would. */
export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    const number = PreviewNumber.parse(params.number);
    Object.assign(audit, { targetType: "app", targetId: params.id, detail: { number } });
    audit.tenantId = await appTenantId(actor, params.id);
    return removePreview(actor, params.id, number);
  },
  { action: "app.preview.remove" },
);
