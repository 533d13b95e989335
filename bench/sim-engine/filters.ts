// The engine's filter semantics (api/types/filters + daemon/list.go + daemon/events/filter.go),
// reproduced so a console's scoping code gets the same answers from the simulator as from dockerd.
import type { Container, ContainerStateName } from "./state";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** filters.Args: key → set of values. */
export type Args = Map<string, Set<string>>;

/** filters.FromJSON: accepts {"k":{"v":true}} and the legacy {"k":["v"]} forms; "" means none. */
export function parseFilters(raw: string | null): Args {
  const args: Args = new Map();
  if (raw === null || raw === "") return args;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new HttpError(400, `invalid filters JSON: ${(err as Error).message}`);
  }
  if (parsed === null) return args;
  if (typeof parsed !== "object" || Array.isArray(parsed))
    throw new HttpError(400, "invalid filters JSON: not an object");
  for (const [key, val] of Object.entries(parsed as Record<string, unknown>)) {
    const set = new Set<string>();
    if (Array.isArray(val)) for (const v of val) set.add(String(v));
    else if (val && typeof val === "object") for (const v of Object.keys(val)) set.add(v);
    else throw new HttpError(400, `invalid filters JSON: bad value for "${key}"`);
    args.set(key, set);
  }
  return args;
}

/** Args.ExactMatch: true when the key is absent. */
export function exactMatch(args: Args, key: string, source: string): boolean {
  const vals = args.get(key);
  return !vals || vals.size === 0 || vals.has(source);
}

/** Args.Match: exact, else any value used as an (unanchored) regular expression. */
export function match(args: Args, key: string, source: string): boolean {
  if (exactMatch(args, key, source)) return true;
  for (const v of args.get(key)!) if (compiled(v)?.test(source)) return true;
  return false;
}

// Lists apply the same few patterns to every container: compile each once.
const regexCache = new Map<string, RegExp | null>();
function compiled(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern);
    } catch {
      re = null; // Go skips values that do not compile.
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re;
}

/** Args.FuzzyMatch: exact, else prefix. */
export function fuzzyMatch(args: Args, key: string, source: string): boolean {
  if (exactMatch(args, key, source)) return true;
  for (const v of args.get(key)!) if (source.startsWith(v)) return true;
  return false;
}

/** Args.MatchKVList: every "k" / "k=v" value must hold (AND), unlike the other keys (OR). */
export function matchKVList(args: Args, key: string, sources: Record<string, string>): boolean {
  const vals = args.get(key);
  if (!vals || vals.size === 0) return true;
  for (const v of vals) {
    const eq = v.indexOf("=");
    const k = eq < 0 ? v : v.slice(0, eq);
    if (!Object.prototype.hasOwnProperty.call(sources, k)) return false;
    if (eq >= 0 && sources[k] !== v.slice(eq + 1)) return false;
  }
  return true;
}

// ---------- GET /containers/json ----------

const ACCEPTED_PS = new Set([
  "ancestor",
  "before",
  "exited",
  "health",
  "id",
  "label",
  "name",
  "status",
  "since",
  "volume",
  "network",
  "is-task",
  "publish",
  "expose",
]);
// Accepted by the engine but not simulated: refuse loudly rather than answer differently.
const UNSUPPORTED_PS = new Set(["ancestor", "before", "since", "volume", "network", "publish", "expose"]);
const STATES = new Set<ContainerStateName>([
  "paused",
  "restarting",
  "running",
  "removing",
  "dead",
  "created",
  "exited",
]);

export interface ListOptions {
  all: boolean;
  limit: number;
  filters: Args;
  exited: number[];
}

/** httputils.BoolValue. */
export function boolValue(v: string | null): boolean {
  const s = (v ?? "").trim().toLowerCase();
  return !(s === "" || s === "0" || s === "no" || s === "false" || s === "none");
}

export function parseListOptions(q: URLSearchParams): ListOptions {
  const filters = parseFilters(q.get("filters"));
  let all = boolValue(q.get("all"));
  let limit = 0;
  const rawLimit = q.get("limit");
  if (rawLimit) {
    if (!/^[+-]?\d+$/.test(rawLimit))
      throw new HttpError(500, `strconv.Atoi: parsing "${rawLimit}": invalid syntax`);
    limit = Number(rawLimit);
  }
  for (const key of filters.keys()) {
    if (!ACCEPTED_PS.has(key)) throw new HttpError(400, `Invalid filter '${key}'`);
    if (UNSUPPORTED_PS.has(key))
      throw new HttpError(400, `wharf sim-engine: filter '${key}' is not simulated`);
  }
  const exited: number[] = [];
  for (const v of filters.get("exited") ?? []) {
    if (!/^[+-]?\d+$/.test(v)) throw new HttpError(500, `strconv.Atoi: parsing "${v}": invalid syntax`);
    exited.push(Number(v));
  }
  for (const v of filters.get("status") ?? []) {
    if (!STATES.has(v as ContainerStateName)) throw new HttpError(400, `Invalid filter 'status=${v}'`);
    all = true; // the engine implies all=1 when filtering on status
  }
  for (const v of filters.get("health") ?? []) {
    if (!["starting", "healthy", "unhealthy", "none"].includes(v))
      throw new HttpError(400, `Invalid filter 'health=${v}'`);
  }
  for (const v of filters.get("is-task") ?? []) {
    if (v !== "true" && v !== "false") throw new HttpError(400, `Invalid filter 'is-task=${v}'`);
  }
  return { all, limit, filters, exited };
}

/** daemon/list.go includeContainerInList over containers given newest first. */
export function filterContainers(newestFirst: readonly Container[], o: ListOptions): Container[] {
  const f = o.filters;
  const out: Container[] = [];
  for (const c of newestFirst) {
    const running = c.state === "running" || c.state === "paused" || c.state === "restarting";
    if (!running && !o.all && o.limit <= 0) continue;
    if (!match(f, "name", `/${c.name}`) && !match(f, "name", c.name)) continue;
    if (!match(f, "id", c.id)) continue;
    if (!matchKVList(f, "label", c.labels)) continue;
    if (o.limit > 0 && out.length === o.limit) break;
    if (o.exited.length > 0 && !(o.exited.includes(c.exitCode) && !running && c.startedAt !== 0n)) continue;
    if (!match(f, "status", c.state)) continue;
    if (f.has("health") && !exactMatch(f, "health", "none")) continue; // simulated containers have no healthcheck
    if (f.has("is-task") && f.get("is-task")!.has("true") && !f.get("is-task")!.has("false")) continue;
    out.push(c);
  }
  return out;
}

// ---------- GET /events ----------

/** What an event filter sees: the event's Action, Actor and attributes. */
export interface EventView {
  action: string;
  actorId: string;
  attributes: Record<string, string>;
}

const NAME_KEYS = ["daemon", "plugin", "volume", "network", "node", "service", "secret", "config"];

function stripTag(image: string): string {
  const slash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  return colon > slash ? image.slice(0, colon) : image;
}

/** daemon/events/filter.go Include, specialised to Type "container" and scope "local". */
export function eventFilter(f: Args): ((ev: EventView) => boolean) | null {
  if (f.size === 0) return null;
  const fuzzyEvent = ["health_status", "exec_create", "exec_start"].some((k) => f.get("event")?.has(k));
  return (ev) => {
    const name = ev.attributes.name ?? "";
    const fuzzyName = (key: string) => fuzzyMatch(f, key, ev.actorId) || fuzzyMatch(f, key, name);
    if (!(fuzzyEvent ? fuzzyMatch(f, "event", ev.action) : exactMatch(f, "event", ev.action))) return false;
    if (!exactMatch(f, "type", "container")) return false;
    if (!fuzzyName("container")) return false;
    for (const k of NAME_KEYS) if (f.has(k) && !fuzzyName(k)) return false;
    const image = ev.attributes.image ?? "";
    if (
      !(
        exactMatch(f, "image", ev.actorId) ||
        exactMatch(f, "image", image) ||
        exactMatch(f, "image", stripTag(image))
      )
    )
      return false;
    if (!exactMatch(f, "scope", "local")) return false;
    return matchKVList(f, "label", ev.attributes);
  };
}
