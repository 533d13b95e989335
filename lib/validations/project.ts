import { z } from "zod";
import { DisplayName, Id, Slug, TenantOwnedView, TenantScopeQuery } from "@/lib/validations/common";

export const ProjectCreateInput = z.object({ tenantId: Id, name: DisplayName, slug: Slug.optional() });
export const ProjectUpdateInput = z.object({ name: DisplayName });
export const ProjectListQuery = TenantScopeQuery;
export const ProjectView = TenantOwnedView.extend({ name: z.string(), slug: z.string() });
export type ProjectView = z.infer<typeof ProjectView>;
