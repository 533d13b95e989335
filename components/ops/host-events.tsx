"use client";
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClass } from "@/components/ui/field";
import { useHostEvents } from "@/lib/client/hooks/use-host-resources";
import { useUrlFilters } from "@/lib/client/use-url-filters";

const keys = ["etype", "since"] as const;
const tone = (action: string): BadgeTone =>
  /die|kill|oom|destroy|delete/.test(action)
    ? "red"
    : /start|create|pull|tag/.test(action)
      ? "green"
      : /health_status: unhealthy/.test(action)
        ? "amber"
        : "gray";

/** A timeline of the host's recent engine events, newest first; refreshes every 10 s. */
export function HostEvents({ hostId }: { hostId: string }) {
  const { filters, setFilter } = useUrlFilters(keys);
  const since = Number(filters.since) || 3600;
  const q = useHostEvents(hostId, since, filters.etype);
  const select = `${controlClass} w-auto py-1.5`;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2" role="search">
        <select
          aria-label="Event type"
          className={select}
          value={filters.etype}
          onChange={(e) => setFilter("etype", e.target.value)}
        >
          <option value="">All types</option>
          {["container", "image", "volume", "network", "service", "node"].map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
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
      </div>
      {q.isSuccess && q.data.length === 0 ? (
        <EmptyState title="No engine events in this period">Pick a longer period or another type.</EmptyState>
      ) : null}
      <ol
        className="relative space-y-2 border-l border-slate-200 pl-4 dark:border-slate-800"
        aria-label="Engine events"
      >
        {(q.data ?? []).map((e, i) => (
          <li key={`${e.time}-${e.id}-${e.action}-${i}`} className="text-sm">
            <span
              className="absolute -left-1 mt-1.5 size-2 rounded-full bg-slate-300 dark:bg-slate-600"
              aria-hidden
            />
            <time className="mr-2 text-xs text-slate-500" dateTime={e.time}>
              {new Date(e.time).toLocaleTimeString()}
            </time>
            <Badge>{e.type}</Badge> <Badge tone={tone(e.action)}>{e.action}</Badge>{" "}
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
        ))}
      </ol>
    </div>
  );
}
