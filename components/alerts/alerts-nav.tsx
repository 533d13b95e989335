"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTenantHref } from "@/lib/client/tenant-context";

const LINKS = [
  { href: "/alerts", label: "Alerts" },
  { href: "/alerts/rules", label: "Rules" },
  { href: "/alerts/channels", label: "Channels" },
];

/** The three alert pages as one row of tabs (links, so each page has its own address). */
export function AlertsNav() {
  const path = usePathname();
  const href = useTenantHref();
  return (
    <nav
      aria-label="Alerts"
      className="mb-4 flex gap-1 overflow-x-auto shadow-[inset_0_-1px_0_var(--color-slate-200)] dark:shadow-[inset_0_-1px_0_var(--color-slate-800)]"
    >
      {LINKS.map((l) => {
        const current = path === l.href;
        return (
          <Link
            key={l.href}
            href={href(l.href)}
            aria-current={current ? "page" : undefined}
            className={`shrink-0 border-b-2 px-3 py-2 text-sm whitespace-nowrap focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset ${current ? "border-sky-600 font-medium text-sky-700 dark:text-sky-400" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"}`}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
