"use client";
import Link from "next/link";
import { eventTone, foldExecNoise } from "@/components/ops/event-display";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClass } from "@/components/ui/field";
import { FilterBar } from "@/components/ui/filter-bar";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useHostEvents } from "@/lib/client/hooks/use-host-resources";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import type { EngineEventView } from "@/lib/validations/ops-views";

const keys = ["etype", "since"] as const;
const ENGINE_EVENT_TYPES = ["container", "image", "volume", "network", "service", "node"];

/** A timeline of the host's recent engine events, newest first; refreshes every 10 s. */
export function HostEvents({ hostId }: { hostId: string }) {
  const { filters, setFilter } = useUrlFilters(keys);
  const since = Number(filters.since) || 3600;
  const q = useHostEvents(hostId, since, filters.etype);
  const select = `${controlClass} w-auto py-1.5`;
  return (
    <div className="space-y-3">
      <FilterBar
        className="flex flex-wrap gap-2"
        control="w-auto"
        filters={filters}
        setFilter={setFilter}
        fields={[{ key: "etype", label: "Event type", all: "All types", options: ENGINE_EVENT_TYPES }]}
      >
        <select
          aria-label="Period"
          className={select}
          value={String(since)}
          onChange={(e) => setFilter("since", e.target.value === "3600" ? "" : e.target.value)}
        >
          <option value="900">Last 15 minutes</option>
          <option value="3600">Last hour</option>
          <option value="86400">Last day</option>
          <option value="604800">Last week</option>
        </select>
      </FilterBar>
      {q.isSuccess && q.data.length === 0 ? (
        <EmptyState title="No engine events in this period">Pick a longer period or another type.</EmptyState>
      ) : null}
      {q.isPending ? <SkeletonLines lines={4} label="Loading engine events…" /> : null}
      <ol
        className="relative space-y-2 border-l border-slate-200 pl-4 dark:border-slate-800"
        aria-label="Engine events"
      >
        {foldExecNoise(q.data ?? []).map((row, i) =>
          row.kind === "event" ? (
            <EventItem key={`${row.event.time}-${row.event.id}-${row.event.action}-${i}`} e={row.event} />
          ) : (
            <li key={`execs-${row.events[0].time}-${i}`} className="text-sm">
              <Dot />
              <details>
                <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
                  <time className="mr-2 text-xs text-slate-500" dateTime={row.events[0].time}>
                    {new Date(row.events[0].time).toLocaleTimeString()}
                  </time>
                  {row.events.length} exec events (health checks or consoles) in{" "}
                  <span className="font-mono text-xs">
                    {row.events[0].name || row.events[0].id.slice(0, 12)}
                  </span>
                </summary>
                <ol className="mt-1 space-y-1 pl-2">
                  {row.events.map((e, j) => (
                    <EventItem key={`${e.time}-${e.action}-${j}`} e={e} />
                  ))}
                </ol>
              </details>
            </li>
          ),
        )}
      </ol>
    </div>
  );
}

const Dot = () => (
  <span className="absolute -left-1 mt-1.5 size-2 rounded-full bg-slate-300 dark:bg-slate-600" aria-hidden />
);

function EventItem({ e }: { e: EngineEventView }) {
  return (
    <li className="text-sm">
      <Dot />
      <time className="mr-2 text-xs text-slate-500" dateTime={e.time}>
        {new Date(e.time).toLocaleTimeString()}
      </time>
      <Badge>{e.type}</Badge> <Badge tone={eventTone(e)}>{e.action}</Badge>{" "}
      {e.type === "container" && !/destroy/.test(e.action) ? (
        <Link
          href={`/containers/${e.id}`}
          className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400"
        >
          {e.name || e.id.slice(0, 12)}
        </Link>
      ) : (
        <span className="font-mono text-xs">{e.name || e.id.replace("sha256:", "").slice(0, 24)}</span>
      )}
      {e.attributes.exitCode ? (
        <span className="ml-2 text-xs text-slate-500">exit {e.attributes.exitCode}</span>
      ) : null}
    </li>
  );
}
