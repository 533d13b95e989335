/**
 * Maps a request path to the route pattern that serves it ("/api/v1/hosts/[id]"), so the request-latency histogram
 * has one series per route, never one per raw URL (ids in paths would grow Prometheus' series without bound).
 * Anything that matches no pattern is "other".
 */
export const OTHER_ROUTE = "other";

type Node = {
  fixed: Map<string, Node>;
  param: Node | null;
  /** `[...x]` (one or more segments) or `[[...x]]` (zero or more) ending here. */
  rest: { pattern: string; optional: boolean } | null;
  pattern: string | null;
};
const node = (): Node => ({ fixed: new Map(), param: null, rest: null, pattern: null });

/**
 * A pattern from an app-paths-manifest key: "/(console)/hosts/[id]/page" → "/hosts/[id]",
 * "/api/v1/tokens/route" → "/api/v1/tokens"; route groups and parallel-route slots are not in URLs.
 */
export function patternOfAppPath(appPath: string): string {
  const segments = appPath
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"))
    .filter((s, i, all) => !(i === all.length - 1 && (s === "page" || s === "route")));
  return `/${segments.join("/")}`;
}

export type RouteMatcher = (path: string) => string;

export function routeMatcher(patterns: Iterable<string>): RouteMatcher {
  const root = node();
  for (const pattern of patterns) {
    let at = root;
    for (const seg of pattern.split("/").filter(Boolean)) {
      const rest = /^\[(\[)?\.\.\.[^\]]+\]\]?$/.exec(seg);
      if (rest) {
        at.rest = { pattern, optional: Boolean(rest[1]) };
        at = node(); // nothing may follow a catch-all
        break;
      }
      if (/^\[[^\]]+\]$/.test(seg)) at = at.param ??= node();
      else at = at.fixed.get(seg) ?? at.fixed.set(seg, node()).get(seg)!;
    }
    if (!pattern.split("/").some((s) => s.startsWith("[..."))) at.pattern = pattern;
  }

  // Fixed segments win over parameters, parameters over catch-alls, as in Next.js' own routing.
  const match = (at: Node, segs: string[], i: number): string | null => {
    if (i === segs.length) return at.pattern ?? (at.rest?.optional ? at.rest.pattern : null);
    const fixed = at.fixed.get(segs[i]);
    const viaFixed = fixed && match(fixed, segs, i + 1);
    if (viaFixed) return viaFixed;
    const viaParam = at.param && match(at.param, segs, i + 1);
    if (viaParam) return viaParam;
    return at.rest?.pattern ?? null;
  };

  return (path: string) => {
    const q = path.search(/[?#]/);
    const segs = (q < 0 ? path : path.slice(0, q)).split("/").filter(Boolean);
    return match(root, segs, 0) ?? OTHER_ROUTE;
  };
}
