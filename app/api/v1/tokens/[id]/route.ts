import { noContent, withAuth } from "@/lib/api/with-auth";
import { revokeToken } from "@/lib/services/tokens";

export const DELETE = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "token", targetId: params.id });
    await revokeToken(actor, params.id);
    return noContent();
  },
  { action: "token.revoke" },
);
