import { readJson, withAuth } from "@/lib/api/with-auth";
import { auditEnd, progressResponse } from "@/lib/deploy/stream";
import { appStreamRights, auditApp, deployApp } from "@/lib/services/apps";
import { ApplyInput } from "@/lib/validations/app";

/** Applies a new source (or re-applies the current revision). JSON when done, or NDJSON progress with Accept: application/x-ndjson. */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = ApplyInput.parse(await readJson(req));
    await auditApp(actor, params.id, audit, { source: input.source?.type ?? "current" });
    return progressResponse(
      req,
      (progress) => deployApp(actor, params.id, input.source, progress),
      auditEnd("app.deploy", actor, audit),
    );
  },
  { action: "app.deploy", live: appStreamRights },
);
