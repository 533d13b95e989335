import { z } from "zod";
import { DisplayName, Id, Slug } from "@/lib/validations/common";
import { TenantRole } from "@/lib/validations/roles";

export const QUOTA_LIMITS = { maxContainers: 10_000, maxMemoryMb: 4_194_304, maxCpus: 4096 } as const;

export const Quotas = z.object({
  maxContainers: z.number().int().min(0).max(QUOTA_LIMITS.maxContainers),
  maxMemoryMb: z.number().int().min(0).max(QUOTA_LIMITS.maxMemoryMb),
  maxCpus: z.number().min(0).max(QUOTA_LIMITS.maxCpus),
});

export const TenantCreateInput = z
  .object({ name: DisplayName, slug: Slug.optional() })
  .extend(Quotas.partial().shape);
export const TenantUpdateInput = z.object({ name: DisplayName.optional() }).extend(Quotas.partial().shape);
export const TenantDeleteQuery = z.object({ confirm: z.enum(["true", "false"]).optional() });

export const MemberInput = z.object({ userId: Id, role: TenantRole.nullable() });

export const TenantView = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  maxContainers: z.number(),
  maxMemoryMb: z.number(),
  maxCpus: z.number(),
  role: TenantRole.nullable(),
  projectCount: z.number(),
  memberCount: z.number(),
  createdAt: z.string(),
});
export type TenantView = z.infer<typeof TenantView>;
/** What deleting a tenant removes; the console shows it before asking for confirmation. */
export const TenantImpactView = z.object({
  projects: z.number(),
  apps: z.number(),
  members: z.number(),
  registries: z.number(),
});
export type TenantImpactView = z.infer<typeof TenantImpactView>;
export const TenantDetailView = TenantView.extend({ impact: TenantImpactView });
export type TenantDetailView = z.infer<typeof TenantDetailView>;
export const MembershipView = z.object({
  tenantId: z.string(),
  userId: z.string(),
  role: TenantRole.nullable(),
});
export type MembershipView = z.infer<typeof MembershipView>;

export const MemberView = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  disabled: z.boolean(),
  role: TenantRole,
});
export type MemberView = z.infer<typeof MemberView>;
