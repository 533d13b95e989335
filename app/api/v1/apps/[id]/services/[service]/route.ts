import { readJson, withAuth } from "@/lib/api/with-auth";
import { auditEnd, progressResponse } from "@/lib/deploy/stream";
import { appStreamRights } from "@/lib/services/apps";
import { loadApp, updateAppService } from "@/lib/services/apps";
import { ServiceUpdateInput } from "@/lib/validations/app";

/** Merges fields (AppSpec form) into one service and deploys the result; the admission policy sees the merged spec. */
export const PATCH = withAuth(
  async ({ req, actor, params, audit }) => {
    const patch = ServiceUpdateInput.parse(await readJson(req));
    Object.assign(audit, {
      targetType: "app",
      targetId: params.id,
      detail: { service: params.service, fields: Object.keys(patch) },
    });
    audit.tenantId = (await loadApp(actor, params.id)).project.tenantId;
    return progressResponse(
      req,
      (progress) => updateAppService(actor, params.id, params.service, patch, progress),
      auditEnd("app.service.update", actor, audit),
    );
  },
  { action: "app.service.update", live: appStreamRights },
);
