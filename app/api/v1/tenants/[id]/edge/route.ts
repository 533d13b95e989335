import { readJson, withAuth } from "@/lib/api/with-auth";
import { getTenantEdge, setTenantEdge } from "@/lib/services/tenant-edge";
import { TenantEdgeInput } from "@/lib/validations/domain";

export const GET = withAuth(async ({ actor, params }) => getTenantEdge(actor, params.id));

export const PUT = withAuth(
  async ({ req, actor, params, audit }) => {
    const input = TenantEdgeInput.parse(await readJson(req));
    Object.assign(audit, { tenantId: params.id, targetType: "tenant", targetId: params.id, detail: input });
    return setTenantEdge(actor, params.id, input);
  },
  { action: "tenant.edge.set", globalRole: "admin" },
);
