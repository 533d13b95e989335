import { readJson, withAuth } from "@/lib/api/with-auth";
import { loadApp, planApp } from "@/lib/services/apps";
import { ApplyInput } from "@/lib/validations/app";

/** What applying would create, change and remove, service by service, with the quota numbers. Changes nothing. */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = ApplyInput.parse(await readJson(req));
    Object.assign(audit, {
      targetType: "app",
      targetId: params.id,
      detail: { source: input.source?.type ?? "current" },
    });
    audit.tenantId = (await loadApp(actor, params.id)).project.tenantId;
    return planApp(actor, params.id, input.source);
  },
  { action: "app.plan" },
);
