"use client";
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import { accessChange, onAccessRevoked, onStreamRefused } from "@/lib/client/access-revoked";
import { api, qs } from "@/lib/client/api";
import { CONTAINER_PAGE_SIZE, fleetKeys, type ContainerParams } from "@/lib/client/hooks/fleet-keys";
import { hostKeys } from "@/lib/client/hooks/use-hosts";
import type { HostView } from "@/lib/validations/fleet";
import {
  FleetStreamEvents,
  type ContainerChange,
  type ContainerListPage,
  type FleetCounters,
  type HostChange,
  type StreamAccess,
} from "@/lib/validations/fleet-views";

export { CONTAINER_PAGE_SIZE, fleetKeys, type ContainerParams };

/** Pushed by the stream (opened with the same tenant context); fetched once for the first paint. Never polled. */
export const useCounters = (tenantId?: string) =>
  useQuery({
    queryKey: fleetKeys.counters(tenantId),
    queryFn: () => api<FleetCounters>(`/counters${qs({ tenantId })}`),
    staleTime: Infinity,
  });

export const containerPageQuery = (params: ContainerParams, page: number) => ({
  queryKey: fleetKeys.containerPage(params, page),
  queryFn: () =>
    api<ContainerListPage>(
      `/containers${qs({ ...params, offset: page * CONTAINER_PAGE_SIZE, limit: CONTAINER_PAGE_SIZE })}`,
    ),
  staleTime: Infinity,
});

/** Leading-edge throttle: the first call runs at once, a burst collapses into one more call after `ms`. */
function throttle(fn: () => void, ms: number) {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    const wait = last + ms - Date.now();
    if (wait <= 0 && !timer) {
      last = Date.now();
      fn();
    } else if (!timer) {
      timer = setTimeout(() => ((timer = null), (last = Date.now()), fn()), Math.max(wait, 0));
    }
  };
}

function patchContainers(qc: QueryClient, changes: ContainerChange[]) {
  const upserts = new Map(changes.flatMap((c) => (c.op === "upsert" ? [[c.c.id, c.c] as const] : [])));
  qc.setQueriesData<ContainerListPage>(
    { queryKey: fleetKeys.containers },
    (page) => page && { ...page, items: page.items.map((row) => upserts.get(row.id) ?? row) },
  );
}

/** Status and names go into every host list; counts only into the list of the stream's own scope (they are its). */
function patchHosts(qc: QueryClient, changes: HostChange[], tenantId: string | undefined) {
  const byId = new Map(changes.map((c) => [c.id, c]));
  const apply = (h: HostView, counts: boolean): HostView => {
    const c = byId.get(h.id);
    if (!c || "removed" in c) return h;
    return { ...h, name: c.name, status: c.status, ...(counts ? { containers: c.counts } : {}) };
  };
  const own = JSON.stringify(hostKeys.list(tenantId));
  for (const [key] of qc.getQueriesData<HostView[]>({ queryKey: hostKeys.lists }))
    qc.setQueryData<HostView[]>(key, (list) => list?.map((h) => apply(h, JSON.stringify(key) === own)));
  for (const c of changes) {
    const ownDetail = JSON.stringify(hostKeys.detail(c.id, tenantId));
    for (const [key] of qc.getQueriesData<HostView>({ queryKey: hostKeys.details(c.id) }))
      qc.setQueryData<HostView>(key, (h) => h && apply(h, JSON.stringify(key) === ownDetail));
  }
  if (changes.some((c) => "removed" in c)) void qc.invalidateQueries({ queryKey: hostKeys.all });
}

// How many mounted components show container rows. The shared stream asks for container changes only while this
// is > 0; the header alone needs counters and hosts, which keeps most streams light.
let containerWatchers = 0;
const watcherListeners = new Set<() => void>();
const setWatchers = (n: number) => ((containerWatchers = n), watcherListeners.forEach((fn) => fn()));
const subscribeWatchers = (fn: () => void) => (
  watcherListeners.add(fn),
  () => void watcherListeners.delete(fn)
);
/** Leaving a container page keeps the upgraded stream a moment, so going from one such page to another does not reconnect twice. */
const WATCH_LINGER_MS = 2_000;

/** Call from components that show live container rows: the console's stream then carries container changes. */
export function useContainerChanges() {
  useEffect(() => {
    setWatchers(containerWatchers + 1);
    return () => void setTimeout(() => setWatchers(containerWatchers - 1), WATCH_LINGER_MS);
  }, []);
}

/** The rights the last `hello` told: kept across reconnects (and tenant switches) of the page's stream. */
let lastAccess: StreamAccess | undefined;
/** A `revoked` frame already told the user of the change that the reconnect's `hello` will show again. */
let changeTold = false;

/**
 * The console's one EventSource: counters, host status and (while a page shows container rows) container changes
 * go straight into the query cache. Visible rows are patched at once; the loaded pages are refetched (throttled) so
 * inserts, removals and filters stay exact. After a (re)connect (`hello`), everything shown is refetched, since
 * changes may have been missed — this also covers switching the stream to or from container changes.
 */
export function useFleetStream(tenantId?: string, pageAccess?: StreamAccess): { connected: boolean } {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const withContainers = useSyncExternalStore(
    subscribeWatchers,
    () => containerWatchers > 0,
    () => false,
  );
  // A loaded page's first stream is compared with the rights the page was rendered with: a change made before
  // that stream opened is told too.
  useEffect(() => {
    lastAccess ??= pageAccess;
  }, [pageAccess]);
  useEffect(() => {
    let es: EventSource | null = null;
    // Opened after every effect of this commit ran, so a page mounting a container table opens one stream, not two.
    const timer = setTimeout(() => {
      es = new EventSource(`/api/v1/stream${qs({ containers: withContainers ? 1 : undefined, tenantId })}`);
      listen(es);
    }, 0);
    const refetchLists = throttle(() => void qc.invalidateQueries({ queryKey: fleetKeys.containers }), 300);
    const listen = (es: EventSource) => {
      const resync = () => {
        void qc.invalidateQueries({ queryKey: fleetKeys.all });
        void qc.invalidateQueries({ queryKey: hostKeys.all });
      };
      const on = <K extends keyof FleetStreamEvents>(name: K, fn: (data: FleetStreamEvents[K]) => void) =>
        es.addEventListener(name, (e: MessageEvent<string>) => {
          const data = FleetStreamEvents[name].safeParse(JSON.parse(e.data));
          // An event this page cannot read (a newer server): refetch what is shown rather than patch it wrongly.
          if (data.success) fn(data.data);
          else resync();
        });
      on("hello", ({ counters, hosts, access }) => {
        setConnected(true);
        const change = lastAccess && !changeTold && accessChange(lastAccess, access);
        if (change) void onAccessRevoked(qc, change);
        lastAccess = access;
        changeTold = false;
        qc.setQueryData(fleetKeys.counters(tenantId), counters);
        patchHosts(qc, hosts, tenantId);
        refetchLists();
      });
      on("counters", (counters) => qc.setQueryData(fleetKeys.counters(tenantId), counters));
      on("containers", (changes) => {
        patchContainers(qc, changes);
        refetchLists();
      });
      on("hosts", (hosts) => {
        patchHosts(qc, hosts, tenantId);
        refetchLists();
      });
      on("revoked", ({ reason }) => {
        setConnected(false); // the server ends this stream now
        changeTold = true;
        void onAccessRevoked(qc, reason ?? "");
      });
      on("resync", resync);
      es.onerror = () => {
        setConnected(false);
        if (es.readyState === EventSource.CLOSED) onStreamRefused();
      };
    };
    return () => {
      clearTimeout(timer);
      es?.close();
      // "Live" means this stream: not the one just closed, while the next one is not open yet.
      setConnected(false);
    };
  }, [qc, withContainers, tenantId]);
  return { connected };
}
