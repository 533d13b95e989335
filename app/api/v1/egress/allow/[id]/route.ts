import { noContent, withAuth } from "@/lib/api/with-auth";
import { removeEgressAllow } from "@/lib/services/egress";

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "egress-allow", targetId: params.id });
    const row = await removeEgressAllow(actor, params.id);
    audit.detail = { entry: row.entry };
    return noContent();
  },
  { action: "egress.allow.remove", globalRole: "admin" },
);
