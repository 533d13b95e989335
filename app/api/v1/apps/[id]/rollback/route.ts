import { readJson, withAuth } from "@/lib/api/with-auth";
import { auditEnd, progressResponse } from "@/lib/deploy/stream";
import { appStreamRights } from "@/lib/services/apps";
import { loadApp, rollbackApp } from "@/lib/services/apps";
import { RollbackInput } from "@/lib/validations/app";

/** Deploys an earlier revision's spec again, as a new revision. */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = RollbackInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "app", targetId: params.id, detail: input });
    audit.tenantId = (await loadApp(actor, params.id)).project.tenantId;
    return progressResponse(
      req,
      (progress) => rollbackApp(actor, params.id, input.revision, progress),
      auditEnd("app.rollback", actor, audit),
    );
  },
  { action: "app.rollback", live: appStreamRights },
);
