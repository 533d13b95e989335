import { readJson, withAuth } from "@/lib/api/with-auth";
import { silenceAlert } from "@/lib/services/alerts";
import { SilenceInput } from "@/lib/validations/alerts";

export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = SilenceInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "alert", targetId: params.id, detail: { until: input.until } });
    const alert = await silenceAlert(actor, params.id, input);
    audit.tenantId = alert.tenantId ?? undefined;
    return alert;
  },
  { action: "alert.silence" },
);
