import { created, readJson, readQuery, withAuth } from "@/lib/api/with-auth";
import { createAlertRule, listAlertRules } from "@/lib/services/alert-rules";
import { AlertOwnerQuery, AlertRuleCreateInput } from "@/lib/validations/alerts";

export const GET = withAuth(async ({ req, actor }) => ({
  items: await listAlertRules(actor, readQuery(req, AlertOwnerQuery).tenantId),
}));

export const POST = withAuth(
  async ({ req, actor, audit }) => {
    const input = AlertRuleCreateInput.parse(await readJson(req));
    Object.assign(audit, {
      tenantId: input.tenantId ?? undefined,
      targetType: "alert-rule",
      detail: { name: input.name, kind: input.kind },
    });
    const rule = await createAlertRule(actor, input);
    audit.targetId = rule.id;
    return created(rule);
  },
  { action: "alert-rule.create" },
);
