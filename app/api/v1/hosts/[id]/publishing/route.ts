import { readJson, withAuth } from "@/lib/api/with-auth";
import { getPublishPolicy, setPublishPolicy } from "@/lib/services/edge-settings";
import { PublishPolicyInput } from "@/lib/validations/edge";

/** The host ports apps may publish on this host, and the host's own addresses they may bind to. */
export const GET = withAuth(async ({ actor, params }) => getPublishPolicy(actor, params.id));

export const PUT = withAuth(
  async ({ req, params, audit }) => {
    const input = PublishPolicyInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "host", targetId: params.id, detail: input });
    return setPublishPolicy(params.id, input);
  },
  { action: "host.publishing.set", globalRole: "admin" },
);
