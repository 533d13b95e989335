import { readJson, withAuth } from "@/lib/api/with-auth";
import { auditEnd, progressResponse } from "@/lib/deploy/stream";
import { appStreamRights, auditApp, updateAppService } from "@/lib/services/apps";
import { ServiceUpdateInput } from "@/lib/validations/app";

/** Merges fields (AppSpec form) into one service and deploys the result; the admission policy sees the merged spec. */
export const PATCH = withAuth(
  async ({ req, actor, params, audit }) => {
    const patch = ServiceUpdateInput.parse(await readJson(req));
    await auditApp(actor, params.id, audit, { service: params.service, fields: Object.keys(patch) });
    return progressResponse(
      req,
      (progress) => updateAppService(actor, params.id, params.service, patch, progress),
      auditEnd("app.service.update", actor, audit),
    );
  },
  { action: "app.service.update", live: appStreamRights },
);
