import { readJson, withAuth } from "@/lib/api/with-auth";
import { silenceAlertRule } from "@/lib/services/alert-rules";
import { SilenceInput } from "@/lib/validations/alerts";

export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = SilenceInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "alert-rule", targetId: params.id, detail: { until: input.until } });
    const rule = await silenceAlertRule(actor, params.id, input);
    audit.tenantId = rule.tenantId ?? undefined;
    return rule;
  },
  { action: "alert-rule.silence" },
);
