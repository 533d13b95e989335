import { withAuth } from "@/lib/api/with-auth";
import { appTenantId } from "@/lib/services/app-domains";
import { approvePreview } from "@/lib/services/app-previews";
import { PreviewNumber } from "@/lib/validations/preview";

/** Lets a fork's request have the app's secret variables, and redeploys its preview (developers). */
export const POST = withAuth(
  async ({ actor, params, audit }) => {
    const number = PreviewNumber.parse(params.number);
    Object.assign(audit, { targetType: "app", targetId: params.id, detail: { number } });
    audit.tenantId = await appTenantId(actor, params.id);
    return approvePreview(actor, params.id, number);
  },
  { action: "app.preview.approve" },
);
