// The name of the cookie that remembers the tenant a member works in: read by the server, written by the switcher.
export const TENANT_COOKIE = "wharf_tenant";
