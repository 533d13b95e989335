import { readQuery, withAuth } from "@/lib/api/with-auth";
import { listSwarmNodes } from "@/lib/ops/swarm-service";
import { SwarmQuery } from "@/lib/validations/ops";

/** Swarm nodes as a manager sees them (`hostId`, or the first manager among the hosts); empty when no host manages a Swarm. */
export const GET = withAuth(async ({ req }) => listSwarmNodes(readQuery(req, SwarmQuery).hostId), {
  globalRole: "ops",
});
