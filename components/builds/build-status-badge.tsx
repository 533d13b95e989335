import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { BuildView } from "@/lib/validations/build";

const tones: Record<BuildView["status"], BadgeTone> = {
  queued: "gray",
  running: "blue",
  succeeded: "green",
  failed: "red",
  cancelled: "amber",
};

export function BuildStatusBadge({ build }: { build: Pick<BuildView, "status" | "queuePosition"> }) {
  const label =
    build.status === "queued" && build.queuePosition ? `queued · #${build.queuePosition}` : build.status;
  return (
    <span data-testid="build-status" data-status={build.status}>
      <Badge tone={tones[build.status]}>
        {build.status === "running" ? (
          <span className="mr-1 inline-block size-1.5 animate-pulse rounded-full bg-current" aria-hidden />
        ) : null}
        {label}
      </Badge>
    </span>
  );
}
