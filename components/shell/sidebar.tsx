"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { navSections } from "@/components/shell/nav";
import { useTenantHref } from "@/lib/client/tenant-context";
import type { GlobalRole } from "@/lib/validations/roles";

export function Sidebar({ role }: { role: GlobalRole }) {
  const pathname = usePathname();
  // Links keep the tenant context, so the next page shows the same scope (and its URL says so).
  const href = useTenantHref();
  const isActive = (href: string) =>
    href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label="Main" className="flex h-full flex-col gap-4 px-3 py-4">
      <Link href={href("/")} className="px-2 text-lg font-semibold tracking-tight">
        ⚓ Wharf
      </Link>
      {navSections.map((section, i) => {
        const items = section.items.filter((item) => !item.roles || item.roles.includes(role));
        if (!items.length) return null;
        return (
          <div key={section.title ?? i}>
            {section.title ? (
              <p className="mb-1 px-2 text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
                {section.title}
              </p>
            ) : null}
            <ul className="space-y-0.5">
              {items.map((item) => (
                <li key={item.href}>
                  <Link
                    href={href(item.href)}
                    aria-current={isActive(item.href) ? "page" : undefined}
                    className="flex items-center gap-2 rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-200/70 aria-[current=page]:bg-sky-100 aria-[current=page]:font-medium aria-[current=page]:text-sky-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-sky-900/40 dark:aria-[current=page]:text-sky-100"
                  >
                    <span aria-hidden className="w-4 text-center text-slate-400">
                      {item.icon}
                    </span>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
