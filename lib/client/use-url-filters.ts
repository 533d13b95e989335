"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

/**
 * Filters live in the URL, so a reload, a bookmark or a shared link shows the same view.
 *
 * Written with history.replaceState: Next keeps useSearchParams in sync without a server round trip (filters are the
 * client's state; router.replace re-rendered the dynamic page on the server first). A write that changes nothing is
 * skipped: any URL write, even an identical one, discards a link navigation still in flight (Next's router queue), so
 * a debounced write firing just after a click (the log viewer's search, 250 ms after it mounts) used to swallow the
 * click and leave the page where it was.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const params = useSearchParams();
  const pathname = usePathname();
  const filters = useMemo(
    () => Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ""])) as Record<K, string>,
    [params, keys],
  );
  const setParams = useCallback(
    (next: URLSearchParams) => {
      if (next.toString() === new URLSearchParams(window.location.search).toString()) return;
      window.history.replaceState(null, "", `${pathname}${next.size ? `?${next}` : ""}`);
    },
    [pathname],
  );
  const setFilter = useCallback(
    (key: K, value: string) => {
      // The address bar, not `params`: a second filter changed before React re-rendered with the first
      // would otherwise drop the first (seen choosing a tenant, then an outcome, in the audit log).
      const next = new URLSearchParams(window.location.search);
      if (value) next.set(key, value);
      else next.delete(key);
      setParams(next);
    },
    [setParams],
  );
  return { filters, setFilter, setParams, params };
}
