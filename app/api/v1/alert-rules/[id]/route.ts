import { noContent, readJson, withAuth } from "@/lib/api/with-auth";
import { deleteAlertRule, updateAlertRule } from "@/lib/services/alert-rules";
import { AlertRuleUpdateInput } from "@/lib/validations/alerts";

export const PATCH = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = AlertRuleUpdateInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "alert-rule", targetId: params.id, detail: input });
    const rule = await updateAlertRule(actor, params.id, input);
    audit.tenantId = rule.tenantId ?? undefined;
    return rule;
  },
  { action: "alert-rule.update" },
);

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "alert-rule", targetId: params.id });
    audit.tenantId = (await deleteAlertRule(actor, params.id)).tenantId ?? undefined;
    return noContent();
  },
  { action: "alert-rule.delete" },
);
