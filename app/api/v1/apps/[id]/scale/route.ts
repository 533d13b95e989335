import { readJson, withAuth } from "@/lib/api/with-auth";
import { auditEnd, progressResponse } from "@/lib/deploy/stream";
import { appStreamRights } from "@/lib/services/apps";
import { loadApp, scaleApp } from "@/lib/services/apps";
import { ScaleInput } from "@/lib/validations/app";

/** Sets one or more services' replicas (one new revision): numbered containers on a host, a service update on a Swarm. */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = ScaleInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "app", targetId: params.id, detail: { replicas: input } });
    audit.tenantId = (await loadApp(actor, params.id)).project.tenantId;
    return progressResponse(
      req,
      (progress) => scaleApp(actor, params.id, input, progress),
      auditEnd("app.scale", actor, audit),
    );
  },
  { action: "app.scale", live: appStreamRights },
);
