"use client";

/** Live fleet counters (containers running/total, hosts up/total); filled in by the fleet feature. */
export function HeaderCounters() {
  return <div data-testid="header-counters" className="flex items-center gap-4 text-xs text-slate-500" />;
}
