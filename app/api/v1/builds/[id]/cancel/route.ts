import { withAuth } from "@/lib/api/with-auth";
import { cancelBuild, getBuild } from "@/lib/services/builds";

export const POST = withAuth(
  async ({ actor, params, audit }) => {
    Object.assign(audit, { targetType: "build", targetId: params.id });
    const { tenantId, was } = await cancelBuild(actor, params.id);
    Object.assign(audit, { tenantId, detail: { was } });
    return getBuild(actor, params.id);
  },
  { action: "build.cancel" },
);
