import { z } from "zod";
import type { Operation } from "@/lib/openapi/types";
import { ChangePasswordInput, LoginInput, TokenCreateInput, TokenView } from "@/lib/validations/auth";
import { MemberInput, TenantCreateInput, TenantDeleteQuery, TenantUpdateInput, TenantView } from "@/lib/validations/tenant";
import { UserCreateInput, UserUpdateInput, UserView } from "@/lib/validations/user";
import { ProjectCreateInput, ProjectListQuery, ProjectUpdateInput, ProjectView } from "@/lib/validations/project";
import { AuditQuery, AuditView } from "@/lib/validations/audit";

const list = (item: z.ZodType) => z.object({ items: z.array(item) });

export const foundationOperations: Operation[] = [
  { method: "post", path: "/session", tag: "auth", summary: "Sign in; sets the session cookie", body: LoginInput, response: z.object({ ok: z.boolean(), mustChangePassword: z.boolean() }), public: true },
  { method: "delete", path: "/session", tag: "auth", summary: "Sign out", status: 204 },
  { method: "get", path: "/me", tag: "auth", summary: "The signed-in user", response: UserView },
  { method: "post", path: "/me/password", tag: "auth", summary: "Change your password", body: ChangePasswordInput },
  { method: "get", path: "/tokens", tag: "tokens", summary: "Your API tokens", response: list(TokenView) },
  { method: "post", path: "/tokens", tag: "tokens", summary: "Create an API token (returned once)", body: TokenCreateInput, response: TokenView.extend({ token: z.string() }), status: 201 },
  { method: "delete", path: "/tokens/{id}", tag: "tokens", summary: "Revoke an API token", status: 204 },
  { method: "get", path: "/tenants", tag: "tenants", summary: "Tenants you can see", response: list(TenantView) },
  { method: "post", path: "/tenants", tag: "tenants", summary: "Create a tenant (admin)", body: TenantCreateInput, response: TenantView, status: 201 },
  { method: "get", path: "/tenants/{id}", tag: "tenants", summary: "A tenant", response: TenantView },
  { method: "patch", path: "/tenants/{id}", tag: "tenants", summary: "Rename a tenant or set its quotas (admin)", body: TenantUpdateInput, response: TenantView },
  { method: "delete", path: "/tenants/{id}", tag: "tenants", summary: "Delete a tenant (admin); confirm=true when it still owns projects", query: TenantDeleteQuery },
  { method: "get", path: "/tenants/{id}/members", tag: "tenants", summary: "Members of a tenant" },
  { method: "post", path: "/tenants/{id}/members", tag: "tenants", summary: "Add, change or remove (role null) a member", body: MemberInput },
  { method: "get", path: "/users", tag: "users", summary: "All users (admin)", response: list(UserView) },
  { method: "post", path: "/users", tag: "users", summary: "Create a user with a one-time password (admin)", body: UserCreateInput, response: z.object({ user: UserView, oneTimePassword: z.string() }), status: 201 },
  { method: "get", path: "/users/{id}", tag: "users", summary: "A user (admin)", response: UserView },
  { method: "patch", path: "/users/{id}", tag: "users", summary: "Change a user's role, disable/enable, reset password (admin)", body: UserUpdateInput },
  { method: "get", path: "/projects", tag: "projects", summary: "Projects you can see", query: ProjectListQuery, response: list(ProjectView) },
  { method: "post", path: "/projects", tag: "projects", summary: "Create a project (owner or developer)", body: ProjectCreateInput, response: ProjectView, status: 201 },
  { method: "get", path: "/projects/{id}", tag: "projects", summary: "A project", response: ProjectView },
  { method: "patch", path: "/projects/{id}", tag: "projects", summary: "Rename a project", body: ProjectUpdateInput, response: ProjectView },
  { method: "delete", path: "/projects/{id}", tag: "projects", summary: "Delete a project without apps", status: 204 },
  { method: "get", path: "/audit", tag: "audit", summary: "The audit log (admin), newest first", query: AuditQuery, response: z.object({ items: z.array(AuditView), nextCursor: z.string().nullable() }) },
];
