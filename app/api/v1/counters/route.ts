import { withAuth } from "@/lib/api/with-auth";
import { getFleet } from "@/lib/fleet/service";
import { viewerScope } from "@/lib/fleet/viewer-scope";

/** Containers running/total and hosts up/total within what the caller may see, from the fleet cache. */
export const GET = withAuth(async ({ actor }) => getFleet().store.counters(await viewerScope(actor)));
