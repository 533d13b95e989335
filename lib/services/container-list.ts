import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { queryContainers } from "@/lib/fleet/query";
import { getFleet } from "@/lib/fleet/service";
import { viewerScope } from "@/lib/fleet/viewer-scope";
import { type ContainerListQuery } from "@/lib/validations/fleet";
import type { z } from "zod";

/**
 * One page of the containers `actor` may see, from the fleet cache (never the engines), as the JSON text GET
 * /api/v1/containers answers; the containers page renders its first page from the same call. `tenantId` (the tenant
 * context) only narrows: a tenant the actor cannot see is a 404 (viewerScope).
 */
export async function containerListJson(actor: Actor, query: z.output<typeof ContainerListQuery>) {
  const { tenantId, ...q } = query;
  const scope = await viewerScope(actor, tenantId);
  return queryContainers(getFleet().store, scope, q);
}
