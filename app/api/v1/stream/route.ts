import { withAuth } from "@/lib/api/with-auth";
import { openFleetStream } from "@/lib/fleet/sse";
import { viewerScope } from "@/lib/fleet/viewer-scope";

export const dynamic = "force-dynamic";

/** Server-Sent Events: counters, host status and container changes within the caller's scope. */
export const GET = withAuth(async ({ req, actor }) => openFleetStream(req, await viewerScope(actor)));
