import { readJson, withAuth } from "@/lib/api/with-auth";
import { setHostGrants } from "@/lib/services/hosts";
import { HostGrantsInput } from "@/lib/validations/host";

/** Replaces the set of tenants that may see and deploy on this host. */
export const PUT = withAuth(
  async ({ req, params, audit }) => {
    const { tenantIds } = HostGrantsInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "host", targetId: params.id, detail: { tenantIds } });
    return setHostGrants(params.id, tenantIds);
  },
  { action: "host.grants.set", globalRole: "admin" },
);
