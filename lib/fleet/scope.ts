import { TENANT_LABEL } from "@/lib/docker/labels";

/**
 * Who may see which container — one rule for lists, counters, the stream and access by id.
 * Admin and ops see everything. A tenant member sees a container only when it carries their tenant's
 * `wharf.tenant` label (stamped by the server) AND sits on a host granted to that tenant.
 * Containers without Wharf labels are visible to admin and ops only.
 */
export type ViewerScope =
  | { all: true }
  | {
      all: false;
      tenantIds: ReadonlySet<string>;
      hostTenants: ReadonlyMap<string, ReadonlySet<string>>;
      /**
       * Set when the scope is exactly one tenant (the console's tenant context, or a member of one tenant): every
       * such viewer sees the same containers and counts, so streams share what they send per tenant, and a host's
       * counts are that tenant's.
       */
      tenant?: string;
    };

/** What streams with this scope may share per batch ("all", one tenant), or null when the scope is the viewer's own. */
export const sharingKey = (scope: ViewerScope): string | null =>
  scope.all ? "all" : scope.tenant ? `tenant:${scope.tenant}` : null;

export function canSeeContainer(
  scope: ViewerScope,
  c: { hostId: string; labels: Record<string, string> },
): boolean {
  if (scope.all) return true;
  const tenant = c.labels[TENANT_LABEL];
  return !!tenant && scope.tenantIds.has(tenant) && !!scope.hostTenants.get(c.hostId)?.has(tenant);
}
