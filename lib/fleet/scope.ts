import { TENANT_LABEL } from "@/lib/docker/labels";

/**
 * Who may see which container — one rule for lists, counters, the stream and access by id.
 * Admin and ops see everything. A tenant member sees a container only when it carries their tenant's
 * `wharf.tenant` label (stamped by the server) AND sits on a host granted to that tenant.
 * Containers without Wharf labels are visible to admin and ops only.
 */
export type ViewerScope =
  | { all: true }
  | { all: false; tenantIds: ReadonlySet<string>; hostTenants: ReadonlyMap<string, ReadonlySet<string>> };

export function canSeeContainer(
  scope: ViewerScope,
  c: { hostId: string; labels: Record<string, string> },
): boolean {
  if (scope.all) return true;
  const tenant = c.labels[TENANT_LABEL];
  return !!tenant && scope.tenantIds.has(tenant) && !!scope.hostTenants.get(c.hostId)?.has(tenant);
}
