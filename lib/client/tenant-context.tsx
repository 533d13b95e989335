"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { createContext, useCallback, useContext, useEffect } from "react";
// "all": every tenant the viewer may see (admin and ops: the whole fleet, unlabelled containers included).
import { ALL_TENANTS, TENANT_PARAM } from "@/lib/auth/tenant-cookie";

/**
 * The console's tenant context: which tenant every list, counter and the live stream show. It lives in the URL
 * (`?tenant=<id>` or `?tenant=all`), so a shared link shows the same scope; the header switcher also keeps the last
 * choice in a cookie, the default for a URL without it. Someone who never chose (no cookie) sees all their tenants
 * and gets no parameter added, so their URLs stay as they were. The server only ever narrows with it (`tenantId` on
 * the API, lib/authz.ts `scopedTenantIds`): a tenant the viewer is not in is a 404 there, whatever the URL says.
 */
export { ALL_TENANTS, TENANT_PARAM };

const DefaultTenant = createContext<string>(ALL_TENANTS);

/** `href` with the tenant context in its query (replacing one it had); a hash stays at the end. */
export function withTenant(href: string, tenant: string): string {
  const hash = href.indexOf("#");
  const [path, tail] = hash < 0 ? [href, ""] : [href.slice(0, hash), href.slice(hash)];
  const q = path.indexOf("?");
  const params = new URLSearchParams(q < 0 ? "" : path.slice(q + 1));
  params.set(TENANT_PARAM, tenant);
  return `${q < 0 ? path : path.slice(0, q)}?${params}${tail}`;
}

/** The context as the URL holds it (a tenant id or "all"), else the remembered default. */
export function useTenantParam(): string {
  const fallback = useContext(DefaultTenant);
  return useSearchParams().get(TENANT_PARAM) || fallback;
}

/** What list requests send as `tenantId`: the chosen tenant, or undefined for all of them. */
export function useTenantScope(): string | undefined {
  const tenant = useTenantParam();
  return tenant === ALL_TENANTS ? undefined : tenant;
}

/** Turns an in-console link into one that keeps the current tenant context (when there is a choice to keep). */
export function useTenantHref(): (href: string) => string {
  const fallback = useContext(DefaultTenant);
  const chosen = useSearchParams().get(TENANT_PARAM) || (fallback === ALL_TENANTS ? null : fallback);
  return useCallback((href: string) => (chosen ? withTenant(href, chosen) : href), [chosen]);
}

/**
 * Gives the console the remembered default (the cookie, checked by the server) and, when that is one tenant, writes
 * it into the address bar of a page opened without it, so what the user copies is the scope they see.
 */
export function TenantContextProvider({
  fallback,
  children,
}: {
  fallback: string;
  children: React.ReactNode;
}) {
  const params = useSearchParams();
  const pathname = usePathname();
  useEffect(() => {
    if (params.get(TENANT_PARAM) || fallback === ALL_TENANTS) return;
    const url = withTenant(`${pathname}${window.location.search}`, fallback);
    window.history.replaceState(window.history.state, "", `${url}${window.location.hash}`);
  }, [params, pathname, fallback]);
  return <DefaultTenant.Provider value={fallback}>{children}</DefaultTenant.Provider>;
}
