import { formatAgo } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import type { HostLiveStatus } from "@/lib/validations/fleet-views";

const tone = { up: "green", down: "red", reconnecting: "amber" } as const;

/** "up 3 h", "down 12s" — the status and how long it has held; the error, if any, on hover. */
export function HostStatusBadge({ status }: { status: HostLiveStatus }) {
  const since = Date.parse(status.since);
  return (
    <span
      title={`${status.state} since ${new Date(since).toLocaleString()}${status.error ? ` — ${status.error}` : ""}`}
      data-testid="host-status"
      data-state={status.state}
    >
      <Badge tone={tone[status.state]}>
        {status.state} · {formatAgo(since)}
      </Badge>
    </span>
  );
}
