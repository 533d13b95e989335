/** Fleet view models shared by the server (cache, API, stream) and the browser. No server imports here. */

export type ContainerState = "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";

/** One container as the console shows it: compact, derived from the engine list/inspect/events. */
export type ContainerView = {
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  /** Engine-style status without the relative time, e.g. "Up (healthy)", "Exited (137)". */
  status: string;
  /** When the container entered its current state (ms since epoch); approximate for containers seen only by a list. */
  since: number | null;
  hostId: string;
  tenant: string | null;
  project: string | null;
  app: string | null;
  service: string | null;
  /** Published ports, "0.0.0.0:8080->80/tcp"; exposed-only ports as "80/tcp". */
  ports: string[];
  /** Unix seconds. */
  created: number;
};

export type HostStatusState = "up" | "down" | "reconnecting";
export type HostLiveStatus = { state: HostStatusState; since: string; error: string | null };
export type HostCounts = { running: number; total: number };

export type FleetCounters = {
  containers: { running: number; total: number; staleRunning: number; staleTotal: number };
  hosts: { up: number; down: number; reconnecting: number; total: number };
  /** When these numbers were computed (server time). Live numbers are current as of this instant. */
  asOf: string;
  /** The oldest "since" among hosts that are not up: stale numbers are last known as of then. */
  staleSince: string | null;
};

/** `app`: grouped by app, then by name (service, replica) within it; containers outside Wharf's apps first. */
export type ContainerSortKey = "name" | "image" | "state" | "host" | "created" | "tenant" | "project" | "app";
export const CONTAINER_SORT_KEYS: readonly ContainerSortKey[] = [
  "name",
  "image",
  "state",
  "host",
  "created",
  "tenant",
  "project",
  "app",
];
export const CONTAINER_STATES: readonly ContainerState[] = [
  "running",
  "created",
  "paused",
  "restarting",
  "removing",
  "exited",
  "dead",
];

export type ContainerListPage = {
  items: ContainerView[];
  total: number;
  offset: number;
  limit: number;
  /** The hosts referenced by `items`: name and live status, so rows of a down host can be greyed. */
  hosts: Record<string, { name: string; status: HostLiveStatus }>;
  asOf: string;
};

/** A change pushed on the stream. `t` is the engine event time in ms (with fractions) when the change came from an event. */
export type ContainerChange =
  | { op: "upsert"; c: ContainerView; t?: number }
  | { op: "remove"; id: string; hostId: string; t?: number };
export type HostStatusChange = { id: string; name: string; status: HostLiveStatus; counts: HostCounts };
