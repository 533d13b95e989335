import { z } from "zod";

export const globalRoles = ["admin", "ops", "none"] as const;
export const tenantRoles = ["owner", "developer", "viewer"] as const;
export const GlobalRole = z.enum(globalRoles);
export const TenantRole = z.enum(tenantRoles);
export type GlobalRole = z.infer<typeof GlobalRole>;
export type TenantRole = z.infer<typeof TenantRole>;

const rank: Record<TenantRole, number> = { viewer: 1, developer: 2, owner: 3 };

export function roleAtLeast(role: TenantRole | null | undefined, min: TenantRole): boolean {
  return !!role && rank[role] >= rank[min];
}
