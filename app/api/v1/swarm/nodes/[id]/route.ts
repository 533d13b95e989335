import { readJson, readQuery, withAuth } from "@/lib/api/with-auth";
import { getSwarmNode, updateSwarmNode } from "@/lib/ops/swarm-service";
import { NodeUpdateInput, SwarmQuery } from "@/lib/validations/ops";

/** One node with its tasks (newest first), to watch them move on drain. */
export const GET = withAuth(
  async ({ req, params }) => getSwarmNode(params.id, readQuery(req, SwarmQuery).hostId),
  { globalRole: "ops" },
);

/** Sets availability: active, pause (no new tasks) or drain (tasks move to other nodes). */
export const PATCH = withAuth(
  async ({ req, params, audit }) => {
    const { availability } = NodeUpdateInput.parse(await readJson(req));
    Object.assign(audit, { targetType: "swarm-node", targetId: params.id, detail: { availability } });
    return updateSwarmNode(params.id, availability, readQuery(req, SwarmQuery).hostId);
  },
  { action: "swarm.node.update", globalRole: "ops" },
);
