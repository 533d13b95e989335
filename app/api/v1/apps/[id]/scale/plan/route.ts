import { readJson, withAuth } from "@/lib/api/with-auth";
import { auditApp, planScale } from "@/lib/services/apps";
import { ScaleInput } from "@/lib/validations/app";

/** The plan of a staged scale (one or more services' replicas), before it is applied. Changes nothing. */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = ScaleInput.parse(await readJson(req));
    await auditApp(actor, params.id, audit, { replicas: input });
    return planScale(actor, params.id, input);
  },
  { action: "app.plan" },
);
