import type { AccessEntry } from "./access-log";

// Per-route traffic over the last 15 minutes, in 10-second slots (a ring per route), from access-log entries.
// Memory is bounded: a route's ring is allocated on its first request (90 slots × 22 counters of 4 bytes,
// ≈ 8 KB), only routes Wharf itself configured are counted (a request with any other Host header is dropped,
// so a client cannot grow the table), and at most MAX_ROUTES rings exist (≈ 16 MB). Latency is kept as a
// histogram, so p50/p95 are the upper bound of the bucket the percentile falls in.

const SLOT_S = 10;
const SLOTS = 90;
export const TRAFFIC_SPAN_S = SLOT_S * SLOTS;
export const MAX_ROUTES = 2000;
/** Upper bounds (ms) of the latency buckets; the last one is everything slower. */
export const LATENCY_BOUNDS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000,
];
const BUCKETS = LATENCY_BOUNDS_MS.length + 1;
// Per slot: requests, 4xx, 5xx, then the latency buckets.
const WIDTH = 3 + BUCKETS;

export type RouteKey = { host: string; pathPrefix: string };
export const routeKey = (r: RouteKey) => `${r.host}${r.pathPrefix}`;

export type WindowFigures = {
  seconds: number;
  requests: number;
  perSecond: number;
  /** Fractions of the requests, 0..1. */
  rate4xx: number;
  rate5xx: number;
  /** null when there was no request. */
  p50Ms: number | null;
  p95Ms: number | null;
};

type Ring = { slotIds: Float64Array; counts: Uint32Array };

export class TrafficWindows {
  private rings = new Map<string, Ring>();
  /** host → its routed path prefixes, longest first (the one Caddy matched). */
  private prefixes = new Map<string, string[]>();

  /** The routes to count; rings of routes no longer routed are dropped. */
  setRoutes(routes: RouteKey[]): void {
    const next = new Map<string, string[]>();
    for (const r of routes) next.set(r.host, [...(next.get(r.host) ?? []), r.pathPrefix]);
    for (const list of next.values()) list.sort((a, b) => b.length - a.length);
    this.prefixes = next;
    const keep = new Set(routes.map(routeKey));
    for (const key of this.rings.keys()) if (!keep.has(key)) this.rings.delete(key);
  }

  /** The route key an entry counts for, or null (not a route of ours). */
  private keyOf(e: AccessEntry): string | null {
    const list = this.prefixes.get(e.host);
    const prefix = list?.find((p) => p === "/" || e.path === p || e.path.startsWith(`${p}/`));
    return prefix ? `${e.host}${prefix}` : null;
  }

  add(e: AccessEntry, nowS: number): void {
    if (e.ts <= nowS - TRAFFIC_SPAN_S || e.ts > nowS + SLOT_S) return;
    const key = this.keyOf(e);
    if (!key) return;
    let ring = this.rings.get(key);
    if (!ring) {
      if (this.rings.size >= MAX_ROUTES) return;
      ring = { slotIds: new Float64Array(SLOTS).fill(-1), counts: new Uint32Array(SLOTS * WIDTH) };
      this.rings.set(key, ring);
    }
    const slot = Math.floor(e.ts / SLOT_S);
    const i = slot % SLOTS;
    if (ring.slotIds[i] !== slot) {
      ring.slotIds[i] = slot;
      ring.counts.fill(0, i * WIDTH, (i + 1) * WIDTH);
    }
    const base = i * WIDTH;
    ring.counts[base] += 1;
    if (e.status >= 400 && e.status < 500) ring.counts[base + 1] += 1;
    if (e.status >= 500) ring.counts[base + 2] += 1;
    let b = LATENCY_BOUNDS_MS.findIndex((bound) => e.durationMs <= bound);
    if (b < 0) b = BUCKETS - 1;
    ring.counts[base + 3 + b] += 1;
  }

  /** The figures of a route over the last `seconds` (a multiple of 10, at most 900). */
  figures(route: RouteKey, seconds: number, nowS: number): WindowFigures {
    const sum = new Array<number>(WIDTH).fill(0);
    const ring = this.rings.get(routeKey(route));
    const newest = Math.floor(nowS / SLOT_S);
    const oldest = newest - Math.ceil(seconds / SLOT_S) + 1;
    if (ring)
      for (let i = 0; i < SLOTS; i++) {
        const id = ring.slotIds[i];
        if (id < oldest || id > newest) continue;
        for (let j = 0; j < WIDTH; j++) sum[j] += ring.counts[i * WIDTH + j];
      }
    const requests = sum[0];
    const percentile = (q: number): number | null => {
      if (requests === 0) return null;
      let seen = 0;
      for (let b = 0; b < BUCKETS; b++) {
        seen += sum[3 + b];
        // Slower than the last bound: reported as that bound.
        if (seen >= q * requests) return LATENCY_BOUNDS_MS[Math.min(b, LATENCY_BOUNDS_MS.length - 1)];
      }
      return null;
    };
    return {
      seconds,
      requests,
      perSecond: requests / seconds,
      rate4xx: requests ? sum[1] / requests : 0,
      rate5xx: requests ? sum[2] / requests : 0,
      p50Ms: percentile(0.5),
      p95Ms: percentile(0.95),
    };
  }

  /** How many rings exist (for the memory bound's test). */
  get size(): number {
    return this.rings.size;
  }
}
