import { readJson, withAuth } from "@/lib/api/with-auth";
import { auditEnd, progressResponse } from "@/lib/deploy/stream";
import { appStreamRights, auditApp, scaleApp } from "@/lib/services/apps";
import { ScaleInput } from "@/lib/validations/app";

/** Sets one or more services' replicas (one new revision): numbered containers on a host, a service update on a Swarm. */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = ScaleInput.parse(await readJson(req));
    await auditApp(actor, params.id, audit, { replicas: input });
    return progressResponse(
      req,
      (progress) => scaleApp(actor, params.id, input, progress),
      auditEnd("app.scale", actor, audit),
    );
  },
  { action: "app.scale", live: appStreamRights },
);
