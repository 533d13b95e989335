// The name of the cookie that remembers the tenant a member works in: read by the server, written by the switcher.
export const TENANT_COOKIE = "wharf_tenant";
/** The tenant context's value for "every tenant the viewer may see" (in the URL's `?tenant=` and the cookie). */
export const ALL_TENANTS = "all";
/** The console URL's query parameter that carries the tenant context. */
export const TENANT_PARAM = "tenant";
