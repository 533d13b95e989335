"use client";
import { usePathname, useRouter } from "next/navigation";
import { RecordOptions } from "@/components/ui/field";
import { TENANT_COOKIE } from "@/lib/auth/tenant-cookie";
import { ALL_TENANTS, TENANT_PARAM, useTenantParam } from "@/lib/client/tenant-context";

/**
 * Picks the tenant context every list, counter and the live stream show (lib/client/tenant-context.tsx): written
 * into the URL (`?tenant=`), so the page and a shared link show that scope, and into a cookie, the default for a
 * new tab. Switching drops the page's project filter, which belonged to the previous scope.
 */
export function TenantSwitcher({
  tenants,
  seesEverything,
}: {
  tenants: { id: string; name: string }[];
  seesEverything: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const tenant = useTenantParam();
  if (tenants.length === 0) return <span className="text-xs text-slate-500">No tenant yet</span>;
  return (
    <label className="flex min-w-0 items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
      <span className="hidden sm:inline">Tenant</span>
      <select
        aria-label="Tenant"
        value={tenant === ALL_TENANTS || tenants.some((t) => t.id === tenant) ? tenant : ALL_TENANTS}
        onChange={(e) => {
          const next = e.target.value;
          document.cookie = `${TENANT_COOKIE}=${encodeURIComponent(next)}; Path=/; SameSite=Lax; Max-Age=31536000`;
          const params = new URLSearchParams(window.location.search);
          params.set(TENANT_PARAM, next);
          for (const key of ["project", "projectId"]) params.delete(key);
          router.push(`${pathname}?${params}`);
        }}
        className="max-w-[8.5rem] min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 sm:max-w-none dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <option value={ALL_TENANTS}>{seesEverything ? "All tenants" : "All my tenants"}</option>
        <RecordOptions of={tenants} />
      </select>
    </label>
  );
}
