"use client";
import { useState } from "react";
import { Sidebar } from "@/components/shell/sidebar";
import type { GlobalRole } from "@/lib/validations/roles";

/** Below the md breakpoint the sidebar is hidden: this button opens the same navigation over the page. */
export function MobileNav({ role }: { role: GlobalRole }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="md:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen((o) => !o)}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700"
      >
        <span aria-hidden>{open ? "✕" : "☰"}</span>
        <span className="sr-only">{open ? "Close the menu" : "Open the menu"}</span>
      </button>
      {open ? (
        <div
          id="mobile-nav"
          // A followed link closes the menu; the page behind changes.
          onClick={(e) => {
            if (e.target instanceof Element && e.target.closest("a")) setOpen(false);
          }}
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
          // Absolute under the sticky header: its backdrop blur would make a fixed panel relative to it anyway.
          className="absolute inset-x-0 top-full z-20 h-[calc(100dvh-3.5rem)] overflow-y-auto border-t border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
        >
          <Sidebar role={role} />
        </div>
      ) : null}
    </div>
  );
}
