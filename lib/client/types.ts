// View models as the API returns them (the server's zod schemas in lib/validations are the source of truth).
export type GlobalRole = "admin" | "ops" | "none";
export type TenantRole = "owner" | "developer" | "viewer";
export type Me = {
  id: string;
  email: string;
  name: string;
  globalRole: GlobalRole;
  disabled: boolean;
  mustChangePassword: boolean;
  memberships: { tenantId: string; tenantName: string; role: TenantRole }[];
};
export type Tenant = {
  id: string;
  name: string;
  slug: string;
  maxContainers: number;
  maxMemoryMb: number;
  maxCpus: number;
  role: TenantRole | null;
  projectCount: number;
  memberCount: number;
  createdAt: string;
};
export type User = Me & { createdAt: string };
export type Project = {
  id: string;
  tenantId: string;
  tenantName: string;
  name: string;
  slug: string;
  createdAt: string;
  updatedAt: string;
};
export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
};
export type Member = { userId: string; email: string; name: string; disabled: boolean; role: TenantRole };
