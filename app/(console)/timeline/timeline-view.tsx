"use client";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar } from "@/components/ui/filter-bar";
import { LoadOlder } from "@/components/ui/load-older";
import { PageHeader } from "@/components/ui/page-header";
import { RowLink } from "@/components/ui/row-link";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, Td } from "@/components/ui/table";
import { WhenCell } from "@/components/ui/time";
import { TIMELINE_FILTER_KEYS, useTimeline } from "@/lib/client/hooks/use-events";
import { useHosts } from "@/lib/client/hooks/use-hosts";
import { useTenantScope } from "@/lib/client/tenant-context";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import { FLEET_EVENT_TYPES, type FleetEventType, type FleetEventView } from "@/lib/validations/fleet-events";

const label: Record<FleetEventType, string> = {
  exit: "exited",
  oom: "out of memory",
  unhealthy: "unhealthy",
  restart: "restarted",
  deploy: "deploy",
  deploy_failed: "deploy failed",
  scale: "scale",
  build: "build",
  build_failed: "build failed",
  node: "Swarm node",
};
const tone: Record<FleetEventType, BadgeTone> = {
  exit: "red",
  oom: "red",
  unhealthy: "amber",
  restart: "amber",
  deploy: "green",
  deploy_failed: "red",
  scale: "blue",
  build: "green",
  build_failed: "red",
  node: "blue",
};
const typeOptions = FLEET_EVENT_TYPES.map((t) => ({ id: t, name: label[t] }));

export function TimelineView() {
  const { filters, setFilter, setParams } = useUrlFilters(TIMELINE_FILTER_KEYS);
  const tenantId = useTenantScope();
  const hosts = useHosts();
  const query = useTimeline(filters, tenantId);
  const events = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader
        title="Timeline"
        description="What happened, and when: containers that failed, ran out of memory, turned unhealthy or restarted, and Wharf's deploys, builds, scaling and Swarm node changes — kept for days, beyond the engine's last 256 events."
      />
      <FilterBar
        className="mb-4 grid grid-cols-2 gap-2 md:grid-cols-4"
        filters={filters}
        setFilter={setFilter}
        fields={[
          { key: "types", label: "Type", all: "Every type", options: typeOptions },
          { key: "hostId", label: "Host", all: "Every host", options: hosts.data ?? [] },
          { key: "at", label: "Jump to a time", time: true, prefix: "Up to" },
        ]}
      >
        {filtered ? (
          <Button variant="secondary" onClick={() => setParams(new URLSearchParams())}>
            Clear filters
          </Button>
        ) : null}
      </FilterBar>
      {filters.appId || filters.containerId ? (
        <p className="mb-3 flex flex-wrap gap-2 text-sm">
          {filters.appId ? (
            <Chip onClear={() => setFilter("appId", "")}>app {events[0]?.appName ?? filters.appId}</Chip>
          ) : null}
          {filters.containerId ? (
            <Chip onClear={() => setFilter("containerId", "")}>
              container {events[0]?.containerName ?? filters.containerId.slice(0, 12)}
            </Chip>
          ) : null}
        </p>
      ) : null}
      {query.isError ? <p className="mb-3 text-sm text-red-600">{query.error.message}</p> : null}
      {query.isSuccess && events.length === 0 ? (
        <EmptyState title={filtered ? "No events match" : "Nothing has happened yet"}>
          {filtered
            ? "Clear a filter, or jump to a later time, to see more."
            : "Failures, restarts, deploys, builds and node changes appear here as they happen."}
        </EmptyState>
      ) : (
        <Table label="Timeline" head={["When", "What", "Where", "Detail"]}>
          <tbody>
            {query.isPending ? <SkeletonRows columns={4} label="Reading the timeline…" /> : null}
            {events.map((e) => (
              <tr key={e.id}>
                <WhenCell iso={e.at} />
                <Td>
                  <Badge tone={tone[e.type]}>{label[e.type]}</Badge>
                  {e.exitCode !== null ? <span className="ml-1 text-xs">code {e.exitCode}</span> : null}
                </Td>
                <Td className="min-w-40 text-xs break-all">
                  <Subject event={e} onFilter={setFilter} />
                  <span className="block text-slate-500">
                    {e.appId ? (
                      <button
                        type="button"
                        className="underline decoration-dotted"
                        onClick={() => setFilter("appId", e.appId ?? "")}
                      >
                        app {e.appName ?? "removed"}
                      </button>
                    ) : null}
                    {e.appId ? " · " : ""}on {e.hostName ?? "a removed host"}
                  </span>
                </Td>
                <Td className="max-w-md min-w-40 text-xs break-words">{e.detail ?? ""}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <LoadOlder query={query} />
    </>
  );
}

/** What the event is about, with a link to it where it still exists, and a button to keep only its events. */
function Subject({
  event: e,
  onFilter,
}: {
  event: FleetEventView;
  onFilter: (k: "containerId", v: string) => void;
}) {
  const only = (
    <button
      type="button"
      className="ml-1 text-slate-500 underline decoration-dotted"
      onClick={() => onFilter("containerId", e.containerId)}
      title={`Only the events of ${e.containerName}`}
    >
      only these
    </button>
  );
  if (e.type === "build" || e.type === "build_failed")
    return <RowLink href={`/builds/${e.containerId}`}>{e.containerName}</RowLink>;
  if (e.type === "node") return <RowLink href="/swarm">node {e.containerName}</RowLink>;
  if (e.type === "deploy" || e.type === "deploy_failed" || e.type === "scale")
    return e.appId ? (
      <RowLink href={`/apps/${e.appId}`}>{e.containerName}</RowLink>
    ) : (
      <span className="font-medium">{e.containerName}</span>
    );
  return (
    <>
      {e.exists ? (
        <RowLink href={`/containers/${e.containerId}?tab=logs`}>{e.containerName}</RowLink>
      ) : (
        <span className="font-medium">
          {e.containerName} <span className="text-slate-500">(removed)</span>
        </span>
      )}
      {only}
    </>
  );
}

function Chip({ children, onClear }: { children: React.ReactNode; onClear: () => void }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 dark:bg-slate-800">
      {children}
      <button type="button" aria-label="Remove this filter" onClick={onClear} className="px-1">
        ×
      </button>
    </span>
  );
}
