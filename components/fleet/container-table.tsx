"use client";
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import {
  ContainerRow,
  SortHeader,
  GRID,
  type Names,
  type RowSelection,
} from "@/components/fleet/container-row";
import { Skeleton } from "@/components/ui/skeleton";
import { useHydrated } from "@/components/ui/time";
import {
  CONTAINER_PAGE_SIZE,
  containerPageQuery,
  useContainerChanges,
  type ContainerParams,
} from "@/lib/client/hooks/use-fleet";
import { useTenantScope } from "@/lib/client/tenant-context";
import type { ContainerListPage, ContainerView } from "@/lib/validations/fleet-views";

type Props = {
  params: ContainerParams;
  onSort?: (key: string) => void;
  names: Names;
  height?: string;
  emptyHint?: React.ReactNode;
  /** Rows get a checkbox (the containers page's bulk actions). */
  selection?: { isSelected: (id: string) => boolean; onToggle: RowSelection["onToggle"] };
};

const ROW_HEIGHT = 44;
/** The scroll box's height assumed before it is measured (the server's render, and the one that hydrates it). */
const FIRST_RENDER_HEIGHT = 600;
/** Sorted by app, a row whose app or service differs from the row above starts a group. */
const startsGroup = (row: ContainerView, above: ContainerView | undefined) =>
  !!above && (above.app !== row.app || above.service !== row.service);

/**
 * Containers across hosts, virtualized: only the rows on screen exist in the DOM, and only the pages of 200 under
 * them are fetched, so 100,000 rows scroll like 100. The stream patches and refetches the loaded pages (while a
 * table is mounted, the console's stream carries container changes).
 */
export function ContainerTable({
  params,
  onSort,
  names,
  height = "calc(100vh - 17rem)",
  emptyHint,
  selection,
}: Props) {
  useContainerChanges();
  // Every container table shows the console's tenant context (the server narrows the scope with it).
  const tenantId = useTenantScope();
  const scoped = useMemo(() => ({ ...params, tenantId }), [params, tenantId]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const qc = useQueryClient();
  // A server-rendered page has its first page in the cache already (app/(console)/prefetched.tsx): starting from its
  // total, and from an assumed box height, puts the first rows in the HTML instead of after hydration.
  const [count, setCount] = useState(
    () => qc.getQueryData<ContainerListPage>(containerPageQuery(scoped, 0).queryKey)?.total ?? 0,
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 0, height: FIRST_RENDER_HEIGHT },
  });
  const items = virtualizer.getVirtualItems();
  const pages = useMemo(() => {
    const set = new Set<number>([items.length ? Math.floor(items[0].index / CONTAINER_PAGE_SIZE) : 0]);
    for (const it of items) set.add(Math.floor(it.index / CONTAINER_PAGE_SIZE));
    return [...set];
  }, [items]);
  const results = useQueries({ queries: pages.map((p) => containerPageQuery(scoped, p)) });
  const byPage = new Map<number, ContainerListPage>();
  results.forEach((r, i) => r.data && byPage.set(pages[i], r.data));
  const first = results.find((r) => r.data)?.data;
  const total = first?.total ?? count;
  useEffect(() => setCount(total), [total]);
  const loading = !first;
  // The count in the reader's number format once hydrated (the server may have rendered the first page).
  const hydrated = useHydrated();
  const hosts = Object.assign({}, ...[...byPage.values()].map((p) => p.hosts)) as ContainerListPage["hosts"];
  const rowAt = (i: number): ContainerView | undefined =>
    byPage.get(Math.floor(i / CONTAINER_PAGE_SIZE))?.items[i % CONTAINER_PAGE_SIZE];

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div role="table" aria-label="Containers" aria-rowcount={total} className="text-sm">
        <div role="rowgroup" className="border-b border-slate-200 dark:border-slate-800">
          <div role="row" className={`${GRID} items-center px-3 py-2`}>
            <div role="columnheader" aria-label="Selected" />
            {(["name", "image", "state", "host", "tenant", "project"] as const).map((k) => (
              <SortHeader key={k} k={k} params={params} onSort={onSort} />
            ))}
            <div role="columnheader" className="text-xs font-medium tracking-wide text-slate-500 uppercase">
              Ports
            </div>
            <SortHeader k="created" params={params} onSort={onSort} />
          </div>
        </div>
        <div
          ref={scrollRef}
          role="rowgroup"
          style={{ height, overflowY: "auto" }}
          data-testid="containers-scroll"
        >
          {loading && count === 0 ? (
            <div data-skeleton aria-busy="true">
              <span role="status" className="sr-only">
                Loading containers…
              </span>
              {Array.from({ length: 8 }, (_, i) => (
                <div
                  key={i}
                  aria-hidden
                  className={`${GRID} items-center px-3`}
                  style={{ height: ROW_HEIGHT }}
                >
                  <span />
                  <Skeleton className="h-3 w-40" />
                  <Skeleton className="h-3 w-28" />
                  <Skeleton className="h-3 w-16" />
                </div>
              ))}
            </div>
          ) : !loading && total === 0 ? (
            <div
              className="px-6 py-10 text-center text-sm text-slate-600 dark:text-slate-400"
              data-testid="containers-empty"
            >
              <p className="font-medium text-slate-900 dark:text-slate-100">No containers match</p>
              <div className="mt-1">{emptyHint}</div>
            </div>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
              {items.map((it) => {
                const row = rowAt(it.index);
                return (
                  <div
                    key={it.key}
                    role="row"
                    aria-rowindex={it.index + 1}
                    style={{
                      position: "absolute",
                      top: 0,
                      left: 0,
                      right: 0,
                      height: ROW_HEIGHT,
                      transform: `translateY(${it.start}px)`,
                    }}
                  >
                    {row ? (
                      <ContainerRow
                        c={row}
                        host={hosts[row.hostId]}
                        names={names}
                        groupStart={params.sort === "app" && startsGroup(row, rowAt(it.index - 1))}
                        selection={
                          selection && {
                            selected: selection.isSelected(row.id),
                            onToggle: selection.onToggle,
                          }
                        }
                      />
                    ) : (
                      <div className={`${GRID} h-full items-center px-3`}>
                        <Skeleton className="h-3 w-40" />
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
      <div className="flex items-center justify-between border-t border-slate-200 px-3 py-2 text-xs text-slate-500 dark:border-slate-800">
        <span data-testid="containers-total">
          {loading
            ? "Loading…"
            : `${hydrated ? total.toLocaleString() : total} container${total === 1 ? "" : "s"}`}
        </span>
        <span>Live — updates arrive without reloading</span>
      </div>
    </div>
  );
}
