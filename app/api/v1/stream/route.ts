import { readQuery, withAuth } from "@/lib/api/with-auth";
import { openFleetStream } from "@/lib/fleet/sse";
import { viewerScope } from "@/lib/fleet/viewer-scope";
import { StreamQuery } from "@/lib/validations/fleet";

export const dynamic = "force-dynamic";

/**
 * Server-Sent Events: counters and host status within the caller's scope, plus container changes only when asked
 * for (`?containers=1`): the header on every page needs counters only, so most streams skip the heavy traffic.
 */
export const GET = withAuth(async ({ req, actor }) => {
  const { containers } = readQuery(req, StreamQuery);
  return openFleetStream(req, await viewerScope(actor), { containers: containers === "1" });
});
