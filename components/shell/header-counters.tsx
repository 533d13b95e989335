"use client";
import Link from "next/link";
import { formatTime } from "@/components/format";
import { useCounters, useFleetStream } from "@/lib/client/hooks/use-fleet";
import { useTenantHref, useTenantScope } from "@/lib/client/tenant-context";
import type { StreamAccess } from "@/lib/validations/fleet-views";

/**
 * Live fleet counters (containers running/total, hosts up/total) within what the viewer may see, narrowed to the
 * tenant context. Also mounts the
 * console's one event stream (this component lives once, in the console header). Each number says how fresh it is:
 * live while the stream is connected, last known (greyed) for hosts that are down.
 */
export function HeaderCounters({ access }: { access: StreamAccess }) {
  // Both within the tenant context: the stream is reopened with the new scope when it changes.
  const tenantId = useTenantScope();
  const href = useTenantHref();
  const { connected } = useFleetStream(tenantId, access);
  const { data } = useCounters(tenantId);
  const c = data?.containers;
  const h = data?.hosts;
  const freshness = connected
    ? `live (as of ${formatTime(data?.asOf)})`
    : "stream disconnected — numbers may be out of date";
  return (
    <div
      data-testid="header-counters"
      className="flex items-center gap-2 text-xs text-slate-600 sm:gap-4 dark:text-slate-400"
    >
      <span
        className={`size-2 rounded-full ${connected ? "bg-emerald-500" : "bg-amber-500"}`}
        title={freshness}
        aria-label={connected ? "Live" : "Not live"}
        role="img"
      />
      <Counter
        href={href("/containers")}
        title={`Containers running / total on hosts that are up — ${freshness}`}
        icon="▣"
        shown={[c?.running, "counter-running"]}
        total={[c?.total, "counter-total"]}
        words="containers running"
      >
        {c && c.staleTotal > 0 ? (
          <span
            className="ml-1 text-slate-400"
            data-testid="counter-stale"
            title={`${c.staleRunning} running / ${c.staleTotal} total on hosts that are not up — last known as of ${formatTime(data?.staleSince)}`}
          >
            (+{c.staleTotal} stale)
          </span>
        ) : null}
      </Counter>
      <Counter
        href={href("/hosts")}
        title={`Hosts up / total — ${freshness}`}
        icon="▤"
        shown={[h?.up, "counter-hosts-up"]}
        total={[h?.total, "counter-hosts-total"]}
        words="hosts up"
      >
        {h && h.down + h.reconnecting > 0 ? (
          <span className="ml-1 font-medium text-red-600 dark:text-red-400" data-testid="counter-hosts-down">
            {h.down + h.reconnecting} down
          </span>
        ) : null}
      </Counter>
    </div>
  );
}

/** One "shown / total words" link of the header; a number is "–" until the first answer. */
function Counter({
  href,
  title,
  icon,
  shown: [shown, shownId],
  total: [total, totalId],
  words,
  children,
}: {
  href: string;
  title: string;
  /** The section's icon, shown on a phone in place of the words. */
  icon: string;
  /** A number and its test id. */
  shown: [number | undefined, string];
  total: [number | undefined, string];
  words: string;
  /** What follows the words (stale or down hosts). */
  children: React.ReactNode;
}) {
  return (
    <Link
      href={href}
      className="rounded hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:hover:text-slate-100"
      title={title}
    >
      <span aria-hidden className="mr-1 sm:hidden">
        {icon}
      </span>
      <span className="font-semibold text-slate-900 tabular-nums dark:text-slate-100" data-testid={shownId}>
        {shown ?? "–"}
      </span>
      <span className="tabular-nums">
        /<span data-testid={totalId}>{total ?? "–"}</span>
      </span>{" "}
      {/* A phone has room for the numbers only: the words stay for screen readers, the section's icon shows. */}
      <span className="sr-only sm:not-sr-only">{words}</span>
      {children}
    </Link>
  );
}
