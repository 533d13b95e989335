import { readJson, withAuth } from "@/lib/api/with-auth";
import { auditApp, planApp } from "@/lib/services/apps";
import { ApplyInput } from "@/lib/validations/app";

/** What applying would create, change and remove, service by service, with the quota numbers. Changes nothing. */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = ApplyInput.parse(await readJson(req));
    await auditApp(actor, params.id, audit, { source: input.source?.type ?? "current" });
    return planApp(actor, params.id, input.source);
  },
  { action: "app.plan" },
);
