"use client";
import { formatAgo } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { RowLink } from "@/components/ui/row-link";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useRecentEvents } from "@/lib/client/hooks/use-events";
import { useTenantScope } from "@/lib/client/tenant-context";
import { FAILURE_TYPES } from "@/lib/validations/fleet-events";

const WINDOW_HOURS = 24;

/** Containers that died with an error or ran out of memory, read from the stored events for the whole window. */
export function RecentFailures() {
  const q = useRecentEvents(FAILURE_TYPES, WINDOW_HOURS, useTenantScope());
  const items = q.data?.items ?? [];
  return (
    <Card title={`Last failures (${WINDOW_HOURS} h)`}>
      {q.isError ? <p className="text-sm text-red-600">{q.error.message}</p> : null}
      {items.length ? (
        <ul className="space-y-1 text-sm" aria-label="Last failures">
          {items.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-2">
              <time className="text-xs text-slate-500" dateTime={f.at}>
                {formatAgo(f.at)}
              </time>
              <Badge tone="red">{f.type === "oom" ? "out of memory" : `exit ${f.exitCode}`}</Badge>
              {f.exists ? (
                <RowLink href={`/containers/${f.containerId}?tab=logs`}>{f.containerName}</RowLink>
              ) : (
                <span className="font-medium">
                  {f.containerName} <span className="text-xs text-slate-500">(removed)</span>
                </span>
              )}
              <span className="text-xs text-slate-500">
                {f.appName ? `app ${f.appName} · ` : ""}on {f.hostName ?? "a removed host"}
              </span>
            </li>
          ))}
        </ul>
      ) : q.isPending ? (
        <SkeletonLines lines={2} label="Reading the stored events…" />
      ) : (
        <p className="text-sm text-slate-500">
          No container died with an error or ran out of memory in the last {WINDOW_HOURS} hours.
        </p>
      )}
    </Card>
  );
}
