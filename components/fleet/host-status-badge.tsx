"use client";
import { Badge } from "@/components/ui/badge";
import { Ago, useHydrated } from "@/components/ui/time";
import type { HostLiveStatus } from "@/lib/validations/fleet-views";

const tone = { up: "green", down: "red", reconnecting: "amber" } as const;

/** "up 3 h", "down 12s" — the status and how long it has held; the error, if any, on hover. */
export function HostStatusBadge({ status }: { status: HostLiveStatus }) {
  const since = Date.parse(status.since);
  // The reader's locale is known only once hydrated (components/ui/time.tsx); a title does not move the layout.
  const hydrated = useHydrated();
  return (
    <span
      title={`${status.state} since ${hydrated ? new Date(since).toLocaleString() : status.since}${status.error ? ` — ${status.error}` : ""}`}
      data-testid="host-status"
      data-state={status.state}
    >
      <Badge tone={tone[status.state]}>
        {status.state} · <Ago at={since} />
      </Badge>
    </span>
  );
}
