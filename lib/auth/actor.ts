import type { GlobalRole, TenantRole } from "@/lib/validations/roles";

/** Who is making a request, resolved once per request from the session cookie or API token. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  globalRole: GlobalRole;
  /** tenantId → role */
  memberships: Map<string, TenantRole>;
  via: "session" | "token";
  ip: string;
  /** Signed in with a one-time password: only changing it is allowed until then (lib/api/with-auth.ts). */
  mustChangePassword: boolean;
};

export const isAdmin = (a: Actor) => a.globalRole === "admin";
/** Admin and ops see the whole fleet. */
export const seesEverything = (a: Actor) => a.globalRole === "admin" || a.globalRole === "ops";
