"use client";
import { useRouter } from "next/navigation";
import { TENANT_COOKIE } from "@/lib/auth/tenant-cookie";

/** Picks the tenant the console shows; kept in a cookie so a reload or a new tab keeps it. */
export function TenantSwitcher({
  tenants,
  selected,
}: {
  tenants: { id: string; name: string }[];
  selected: string | null;
}) {
  const router = useRouter();
  if (tenants.length === 0) return <span className="text-xs text-slate-500">No tenant yet</span>;
  return (
    <label className="flex min-w-0 items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
      <span className="hidden sm:inline">Tenant</span>
      <select
        aria-label="Tenant"
        value={selected ?? ""}
        onChange={(e) => {
          document.cookie = `${TENANT_COOKIE}=${encodeURIComponent(e.target.value)}; Path=/; SameSite=Lax; Max-Age=31536000`;
          router.refresh();
        }}
        className="max-w-[8.5rem] rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 sm:max-w-none dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <option value="">All my tenants</option>
        {tenants.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </label>
  );
}
