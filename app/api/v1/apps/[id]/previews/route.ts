import { readJson, withAuth } from "@/lib/api/with-auth";
import { listPreviews, setPreviewsEnabled } from "@/lib/services/app-previews";
import { AppPreviewsInput } from "@/lib/validations/preview";

/** The app's preview environments, one per open pull/merge request (viewers). */
export const GET = withAuth(async ({ actor, params }) => listPreviews(actor, params.id));

/** Turns previews on or off for the app (developers); existing previews stay until closed or expired. */
export const PUT = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = AppPreviewsInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "app", targetId: params.id, detail: input });
    const { tenantId, ...view } = await setPreviewsEnabled(actor, params.id, input.enabled);
    audit.tenantId = tenantId;
    return view;
  },
  { action: "app.previews" },
);
