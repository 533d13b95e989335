import { z } from "zod";
import { DisplayName, Id, Slug, TenantScopeQuery } from "@/lib/validations/common";

export const ProjectCreateInput = z.object({ tenantId: Id, name: DisplayName, slug: Slug.optional() });
export const ProjectUpdateInput = z.object({ name: DisplayName });
export const ProjectListQuery = TenantScopeQuery;
export const ProjectView = z.object({
  id: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  name: z.string(),
  slug: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProjectView = z.infer<typeof ProjectView>;
