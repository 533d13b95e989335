"use client";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
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
