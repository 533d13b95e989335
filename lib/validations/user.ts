import { z } from "zod";
import { Email } from "@/lib/validations/auth";
import { Id } from "@/lib/validations/common";
import { GlobalRole, TenantRole } from "@/lib/validations/roles";

export const UserCreateInput = z.object({
  email: Email,
  name: z.string().trim().max(64).default(""),
  globalRole: GlobalRole.default("none"),
  memberships: z
    .array(z.object({ tenantId: Id, role: TenantRole }))
    .max(100)
    .default([]),
});

export const UserUpdateInput = z.object({
  name: z.string().trim().max(64).optional(),
  globalRole: GlobalRole.optional(),
  disabled: z.boolean().optional(),
  resetPassword: z.literal(true).optional(),
});

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  globalRole: GlobalRole,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  memberships: z.array(z.object({ tenantId: z.string(), tenantName: z.string(), role: TenantRole })),
});
export type UserView = z.infer<typeof UserView>;
/** A new user and the one-time password to hand over (shown once). */
export const UserCreatedView = z.object({ user: UserView, oneTimePassword: z.string() });
export type UserCreatedView = z.infer<typeof UserCreatedView>;
/** A changed user; a reset password comes back once. */
export const UserUpdatedView = z.object({ user: UserView, oneTimePassword: z.string().optional() });
export type UserUpdatedView = z.infer<typeof UserUpdatedView>;
