import { HeaderCounters } from "@/components/shell/header-counters";
import { MobileNav } from "@/components/shell/mobile-nav";
import { NotificationBell } from "@/components/shell/notification-bell";
import { Sidebar } from "@/components/shell/sidebar";
import { TenantSwitcher } from "@/components/shell/tenant-switcher";
import { UserMenu } from "@/components/shell/user-menu";
import { seesEverything, streamAccess } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/current";
import { selectedTenantId } from "@/lib/auth/selected-tenant";
import { ALL_TENANTS, TenantContextProvider } from "@/lib/client/tenant-context";
import { listTenants } from "@/lib/services/tenants";

/** The console shell: sidebar, header (tenant switcher, live counters, user) and the page. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // Each page checks again; the shell itself also frames the password change page.
  const actor = await requireActor({ passwordChange: true });
  const tenants = await listTenants(actor);
  // The switcher's cookie is the default context; one naming a tenant that is gone (or not theirs) means all.
  const remembered = await selectedTenantId(actor);
  const selected = tenants.some((t) => t.id === remembered) ? remembered : null;
  return (
    <TenantContextProvider fallback={selected ?? ALL_TENANTS}>
      <div className="flex min-h-screen">
        <aside className="sticky top-0 hidden h-screen w-56 shrink-0 border-r border-slate-200 bg-white md:block dark:border-slate-800 dark:bg-slate-900">
          <Sidebar role={actor.globalRole} />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-10 flex h-14 items-center justify-between gap-2 border-b border-slate-200 bg-white/90 px-3 backdrop-blur sm:gap-4 md:px-6 dark:border-slate-800 dark:bg-slate-900/90">
            <MobileNav role={actor.globalRole} />
            <TenantSwitcher
              tenants={tenants.map((t) => ({ id: t.id, name: t.name }))}
              seesEverything={seesEverything(actor)}
            />
            {actor.mustChangePassword ? <span /> : <HeaderCounters access={streamAccess(actor)} />}
            <div className="flex shrink-0 items-center gap-1">
              {actor.mustChangePassword ? null : <NotificationBell />}
              <UserMenu email={actor.email} role={actor.globalRole} />
            </div>
          </header>
          <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 md:px-6">{children}</main>
        </div>
      </div>
    </TenantContextProvider>
  );
}
