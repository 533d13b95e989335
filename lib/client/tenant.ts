export const TENANT_COOKIE = "wharf_tenant";
