import { readJson, withAuth } from "@/lib/api/with-auth";
import { auditEnd, progressResponse } from "@/lib/deploy/stream";
import { appStreamRights, auditApp, rollbackApp } from "@/lib/services/apps";
import { RollbackInput } from "@/lib/validations/app";

/** Deploys an earlier revision's spec again, as a new revision. */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = RollbackInput.parse(await readJson(req));
    await auditApp(actor, params.id, audit, input);
    return progressResponse(
      req,
      (progress) => rollbackApp(actor, params.id, input.revision, progress),
      auditEnd("app.rollback", actor, audit),
    );
  },
  { action: "app.rollback", live: appStreamRights },
);
