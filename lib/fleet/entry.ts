import type { ContainerRecord } from "@/lib/docker/containers";
import { ContainerView } from "@/lib/validations/fleet-views";

/**
 * A cached container: the record plus its search text. At 100,000 containers every byte here counts ×100,000, so
 * the view's JSON is made when a page or a stream frame needs it (once per change for the stream, shared by every
 * client), not kept per entry, and low-cardinality strings are shared (see `shared`).
 */
export type Entry = ContainerRecord & { search: string };

/**
 * Every field spelled out in one literal, so all entries share one hidden class. `{ ...record, json, search }` gave
 * each entry its own (V8 does not share transitions from a spread clone): ~500 bytes of map and descriptors per
 * container, and megamorphic property reads in every sort and filter.
 */
export function makeEntry(r: ContainerRecord, hostId: string): Entry {
  return {
    id: r.id,
    name: r.name,
    image: shared(r.image),
    state: r.state,
    status: shared(r.status),
    since: r.since,
    hostId,
    tenant: shared(r.tenant),
    project: shared(r.project),
    app: shared(r.app),
    service: shared(r.service),
    ports: r.ports.length ? r.ports : NO_PORTS,
    created: r.created,
    labels: sharedLabels(r.labels),
    search: searchText(r),
  };
}

/** The view model as JSON, fixed key order, whatever extra fields the object carries. */
export const viewJson = (r: ContainerView) =>
  JSON.stringify({
    id: r.id,
    name: r.name,
    image: r.image,
    state: r.state,
    status: r.status,
    since: r.since,
    hostId: r.hostId,
    tenant: r.tenant,
    project: r.project,
    app: r.app,
    service: r.service,
    ports: r.ports,
    created: r.created,
  });

/**
 * `viewJson` of the rows pages showed lately. Every `GET /containers` serialized its 100 rows anew, mostly the same
 * first page again (a fifth of the request's CPU in bench:ha's profile); a row's JSON now lasts until the entry
 * changes (`FleetStore.upsert` and `remove` forget it). Capped, and cleared when full, so at 100,000 containers it
 * holds at most ~3.5 MB of strings whatever is paged through.
 */
const rows = new Map<Entry, string>();
const ROWS_MAX = 10_000;

export function rowJson(e: Entry): string {
  let json = rows.get(e);
  if (json === undefined) {
    if (rows.size >= ROWS_MAX) rows.clear();
    json = viewJson(e);
    rows.set(e, json);
  }
  return json;
}

/** Before an entry changes in place, or leaves the store. */
export const forgetRow = (e: Entry) => void rows.delete(e);

/** The view's scalar fields, in the contract's order (ports, an array, are compared apart). */
const SCALAR_FIELDS = ContainerView.keyof().options.filter((f) => f !== "ports");

/** Whether the console would show anything different (what `viewJson` would tell, without serializing). */
export function sameView(a: ContainerView, b: ContainerView): boolean {
  for (const f of SCALAR_FIELDS) if (a[f] !== b[f]) return false;
  return a.ports.length === b.ports.length && a.ports.every((p, i) => p === b.ports[i]);
}

function searchText(r: ContainerView): string {
  return `${r.name}\n${r.image}\n${r.id.slice(0, 12)}\n${r.status}`.toLowerCase();
}

/**
 * One copy of each image name, status text and label value (a few hundred distinct values across 100,000
 * containers; every engine answer parses a fresh copy). Cleared when it grows past its cap, which only loses
 * sharing for values seen before.
 */
const strings = new Map<string, string>();
const SHARED_MAX = 50_000;

function shared<T extends string | null>(s: T): T {
  if (s === null) return s;
  const hit = strings.get(s);
  if (hit !== undefined) return hit as T;
  if (strings.size >= SHARED_MAX) strings.clear();
  strings.set(s, s);
  return s;
}

/**
 * An entry without ports or without (proved) labels points at one frozen empty array or object: fewer objects for
 * every full GC to mark (at 5,000 simulated hosts, ~600,000 and ~25 MiB of live heap; docs/scale.md, session 20).
 */
const NO_PORTS: string[] = [];
const NO_LABELS: Record<string, string> = {};
Object.freeze(NO_PORTS);
Object.freeze(NO_LABELS);

/** Label values through `shared` too. In place: the object was parsed for this record, and the values stay equal. */
function sharedLabels(labels: Record<string, string>): Record<string, string> {
  let any = false;
  for (const k in labels) {
    labels[k] = shared(labels[k]);
    any = true;
  }
  return any ? labels : NO_LABELS;
}
