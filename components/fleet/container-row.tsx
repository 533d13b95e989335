"use client";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RowLink } from "@/components/ui/row-link";
import { Ago, useInstantText } from "@/components/ui/time";
import type { ContainerParams } from "@/lib/client/hooks/use-fleet";
import { replicaName } from "@/lib/client/replica-name";
import type { ContainerListPage, ContainerView } from "@/lib/validations/fleet-views";

export const GRID =
  "grid grid-cols-[1.25rem_minmax(10rem,2fr)_minmax(8rem,1.4fr)_minmax(9rem,1.3fr)_minmax(6rem,1fr)_minmax(6rem,1fr)_minmax(6rem,1fr)_minmax(7rem,1.2fr)_5rem] gap-3";

const stateTone: Record<string, BadgeTone> = {
  running: "green",
  created: "blue",
  paused: "amber",
  restarting: "amber",
  removing: "amber",
  exited: "gray",
  dead: "red",
};
const LABELS: Record<string, string> = {
  name: "Name",
  image: "Image",
  state: "State",
  host: "Host",
  tenant: "Tenant",
  project: "Project",
  created: "Created",
  app: "App",
};

export function SortHeader({
  k,
  params,
  onSort,
}: {
  k: string;
  params: ContainerParams;
  onSort?: (key: string) => void;
}) {
  const active = (params.sort || "name") === k;
  const dir = active ? (params.dir === "desc" ? "descending" : "ascending") : "none";
  return (
    <div role="columnheader" aria-sort={dir}>
      <button
        type="button"
        disabled={!onSort}
        onClick={() => onSort?.(k)}
        className="rounded text-xs font-medium tracking-wide text-slate-500 uppercase hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:cursor-default dark:hover:text-slate-100"
      >
        {LABELS[k]} {active ? (params.dir === "desc" ? "↓" : "↑") : ""}
      </button>
    </div>
  );
}

export type Names = {
  tenants: Map<string, string>;
  projects: Map<string, string>;
  apps: Map<string, string>;
};

/** What a person reads: service and replica ("web_2") and the app's name for an app's container; else the name. */
export function readableName(c: ContainerView, names: Names): { replica: string; app: string | null } {
  if (!c.service || !c.app) return { replica: c.name, app: null };
  return { replica: replicaName(c.name, [c.service]), app: names.apps.get(c.app) ?? null };
}

/** Selecting rows for a bulk action; `groupStart` marks the first row of an app's service when grouped. */
export type RowSelection = { selected: boolean; onToggle: (c: ContainerView, on: boolean) => void };

/** One row; a row on a host that is not up is greyed and says since when its state is last known. */
export function ContainerRow({
  c,
  host,
  names,
  selection,
  groupStart,
}: {
  c: ContainerView;
  host?: ContainerListPage["hosts"][string];
  names: Names;
  selection?: RowSelection;
  groupStart?: boolean;
}) {
  const stale = host && host.status.state !== "up";
  const shown = readableName(c, names);
  // Rows may be server-rendered (the containers page): instants are hydration-safe.
  const instant = useInstantText();
  return (
    <div
      className={`${GRID} h-full items-center border-b px-3 ${groupStart ? "border-t-2 border-t-slate-300 dark:border-t-slate-600" : ""} border-slate-100 dark:border-slate-800/60 ${stale ? "opacity-50" : ""}`}
      data-testid="container-row"
      data-name={c.name}
      data-state={c.state}
      title={
        stale
          ? `Host ${host?.name} is ${host?.status.state} since ${instant(Date.parse(host!.status.since))}: last known state`
          : undefined
      }
    >
      <div role="cell">
        {selection ? (
          <input
            type="checkbox"
            aria-label={`Select ${c.name}`}
            checked={selection.selected}
            onChange={(e) => selection.onToggle(c, e.target.checked)}
            className="size-4 rounded focus:ring-2 focus:ring-sky-500"
          />
        ) : null}
      </div>
      <div role="cell" className="min-w-0 truncate">
        <RowLink
          href={`/containers/${c.id}`}
          title={c.name}
          className="focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
        >
          {shown.replica}
        </RowLink>
        {shown.app ? (
          <span className="ml-1.5 text-xs text-slate-500" data-testid="row-app">
            {shown.app}
          </span>
        ) : null}
        <span className="ml-2 font-mono text-[11px] text-slate-400">{c.id.slice(0, 12)}</span>
      </div>
      <div role="cell" className="truncate font-mono text-xs" title={c.image}>
        {c.image}
      </div>
      <div role="cell" className="flex min-w-0 items-center gap-1.5">
        <Badge tone={stale ? "gray" : (stateTone[c.state] ?? "gray")}>{c.state}</Badge>
        <span className="truncate text-xs text-slate-500" title={c.status}>
          {stale ? (
            "stale"
          ) : (
            <>
              {c.status}
              {c.since ? (
                <>
                  {" · "}
                  <Ago at={c.since} />
                </>
              ) : null}
            </>
          )}
        </span>
      </div>
      <div role="cell" className="truncate text-xs">
        {host?.name ?? c.hostId.slice(0, 8)}
      </div>
      <div role="cell" className="truncate text-xs">
        {c.tenant ? (names.tenants.get(c.tenant) ?? c.tenant) : "—"}
      </div>
      <div role="cell" className="truncate text-xs">
        {c.project ? (names.projects.get(c.project) ?? c.project) : "—"}
      </div>
      <div role="cell" className="truncate font-mono text-[11px]" title={c.ports.join(", ")}>
        {c.ports.join(", ") || "—"}
      </div>
      <div role="cell" className="text-xs text-slate-500" title={instant(c.created * 1000)}>
        <Ago at={c.created * 1000} />
      </div>
    </div>
  );
}
