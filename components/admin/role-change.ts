import type { GlobalRole, TenantRole } from "@/lib/validations/roles";

// What a role grants, in the words the confirmation uses (docs/security.md, "who is trusted with what").
const globalGrants: Record<GlobalRole, string> = {
  admin: "admin rights: every tenant, user, host, grant and the audit log, and owner rights in every tenant",
  ops: "ops rights: reading the whole fleet (hosts, containers, events, cluster health) and viewer rights in every tenant",
  none: "no rights beyond the tenants they are a member of",
};
const globalRank: Record<GlobalRole, number> = { none: 0, ops: 1, admin: 2 };

const tenantGrants: Record<TenantRole, string> = {
  owner: "manage its members and everything a developer may",
  developer: "deploy, build and open consoles in its projects, and set secrets",
  viewer: "only read its projects and apps, with secrets masked",
};
const tenantRank: Record<TenantRole, number> = { viewer: 0, developer: 1, owner: 2 };

export type RoleChange = { title: string; body: string; confirmLabel: string; lessAccess: boolean };

/** The confirmation for a user's global role change: who gains or loses what, from when. */
export function describeGlobalRoleChange(who: string, from: GlobalRole, to: GlobalRole): RoleChange {
  const lessAccess = globalRank[to] < globalRank[from];
  const body =
    from === "none"
      ? `${who} will get ${globalGrants[to]}.`
      : `${who} will lose ${globalGrants[from].split(":")[0]} and have ${globalGrants[to]}.`;
  return {
    title: `Make ${who} ${to === "none" ? "a regular user" : to}?`,
    body: `${body} It applies at once, to their open pages, consoles and streams too.`,
    confirmLabel: `Change to ${to}`,
    lessAccess,
  };
}

/** The confirmation for a member's role change within one tenant. */
export function describeTenantRoleChange(
  who: string,
  tenant: string,
  from: TenantRole,
  to: TenantRole,
): RoleChange {
  const lessAccess = tenantRank[to] < tenantRank[from];
  const verb = lessAccess ? "will no longer" : "will";
  const lost = lessAccess ? ` ${who} ${verb} ${tenantGrants[from]}.` : "";
  return {
    title: `Make ${who} ${to} in ${tenant}?`,
    body: `As ${to}, ${who} can ${tenantGrants[to]} in ${tenant}.${lost} It applies at once, to their open pages and consoles too.`,
    confirmLabel: `Change to ${to}`,
    lessAccess,
  };
}
