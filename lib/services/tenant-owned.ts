import "server-only";
import type { TenantOwnedView } from "@/lib/validations/common";
import type { z } from "zod";

/** The include that gives a tenant-owned row its tenant's name, for `tenantOwnedView`. */
export const withTenantName = { tenant: { select: { name: true } } } as const;

/** The start every tenant-owned object's view shares (`TenantOwnedView`): its id, owner and times. */
export const tenantOwnedView = (r: {
  id: string;
  tenantId: string;
  tenant: { name: string };
  createdAt: Date;
  updatedAt: Date;
}): z.infer<typeof TenantOwnedView> => ({
  id: r.id,
  tenantId: r.tenantId,
  tenantName: r.tenant.name,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
