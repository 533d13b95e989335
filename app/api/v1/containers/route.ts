import { readQuery, withAuth } from "@/lib/api/with-auth";
import { getFleet } from "@/lib/fleet/service";
import { queryContainers } from "@/lib/fleet/query";
import { viewerScope } from "@/lib/fleet/viewer-scope";
import { ContainerListQuery } from "@/lib/validations/fleet";
import type { ContainerSortKey } from "@/lib/fleet/types";

/** Every container the caller may see, across hosts, served from the fleet cache (never from the engines). */
export const GET = withAuth(async ({ req, actor }) => {
  const q = readQuery(req, ContainerListQuery);
  const body = queryContainers(getFleet().store, await viewerScope(actor), { ...q, sort: q.sort as ContainerSortKey });
  return new Response(body, { headers: { "content-type": "application/json", "cache-control": "no-store" } });
});
