"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { FleetEventPage, FleetEventType } from "@/lib/validations/fleet-events";

const root = rootKey("events");
export const eventKeys = {
  all: root(),
  recent: (types: readonly FleetEventType[], hours: number, tenantId?: string) =>
    root("recent", types.join(","), hours, tenantId ?? "all"),
};

/** The stored events of the last `hours` (the window moves with each refresh), within the tenant context. */
export const useRecentEvents = (types: readonly FleetEventType[], hours: number, tenantId?: string) =>
  useQuery({
    queryKey: eventKeys.recent(types, hours, tenantId),
    queryFn: () => {
      const q = new URLSearchParams({
        types: types.join(","),
        from: new Date(Date.now() - hours * 3600_000).toISOString(),
        limit: "20",
        ...(tenantId ? { tenantId } : {}),
      });
      return api<FleetEventPage>(`/events?${q}`);
    },
    refetchInterval: 10_000,
  });

/** The timeline's filters in the page's URL; `at` (datetime-local, the reader's time) jumps: events up to then. */
export const TIMELINE_FILTER_KEYS = ["types", "hostId", "appId", "containerId", "at"] as const;
export const TIMELINE_PAGE_SIZE = 100;
export const timelineKeys = {
  list: (filters: Record<string, string>, tenantId?: string) => root("timeline", filters, tenantId ?? "all"),
};

/** The timeline, newest first, a page at a time, within the tenant context. */
export const useTimeline = (filters: Record<string, string>, tenantId?: string) =>
  useInfiniteQuery({
    queryKey: timelineKeys.list(filters, tenantId),
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      api<FleetEventPage>(
        `/events${qs({
          types: filters.types,
          hostId: filters.hostId,
          appId: filters.appId,
          containerId: filters.containerId,
          to: filters.at ? new Date(filters.at).toISOString() : undefined,
          tenantId,
          cursor: pageParam,
          limit: TIMELINE_PAGE_SIZE,
        })}`,
      ),
    getNextPageParam: (last) =>
      last.items.length === TIMELINE_PAGE_SIZE ? last.items[last.items.length - 1].cursor : undefined,
  });
