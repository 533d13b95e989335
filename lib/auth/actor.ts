import type { TokenScope } from "@/lib/validations/auth";
import type { StreamAccess } from "@/lib/validations/fleet-views";
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
  /** An API token's scopes (lib/validations/auth.ts); absent for a session, which may do all its user may. */
  scopes?: readonly TokenScope[];
};

/** Whether the credential allows this use: sessions allow everything, tokens only what their scopes name. */
export const credentialAllows = (a: Actor, scope: TokenScope) => !a.scopes || a.scopes.includes(scope);

export const isAdmin = (a: Actor) => a.globalRole === "admin";
/** Admin and ops see the whole fleet. */
export const seesEverything = (a: Actor) => a.globalRole === "admin" || a.globalRole === "ops";

/**
 * What a page's rights hang on (the global role and the tenant memberships), as the console's stream tells it in
 * `hello` and the console shell renders it: a difference between two of them means the rights changed.
 */
export const streamAccess = (a: Actor): StreamAccess => ({
  userId: a.id,
  globalRole: a.globalRole,
  memberships: Object.fromEntries([...a.memberships.entries()].sort(([x], [y]) => x.localeCompare(y))),
});
