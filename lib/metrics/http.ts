import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { instruments } from "@/lib/metrics/instruments";
import { patternOfAppPath, routeMatcher } from "@/lib/metrics/route-pattern";
import type { IncomingMessage, ServerResponse } from "node:http";

/** Called by server.ts for every HTTP request before anything answers it. */
export type RequestObserver = (req: IncomingMessage, res: ServerResponse) => void;
declare global {
  var wharfObserve: RequestObserver | undefined;
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const AppPaths = z.record(z.string(), z.string());

/** The app's routes and pages, from the build's manifest (empty before a build, e.g. in unit tests). */
function appPatterns(): string[] {
  const file = path.join(process.env.NEXT_DIST_DIR || ".next", "server", "app-paths-manifest.json");
  try {
    return Object.keys(AppPaths.parse(JSON.parse(fs.readFileSync(file, "utf8")))).map(patternOfAppPath);
  } catch {
    return [];
  }
}

/**
 * Start-up hook: times every request into wharf_http_request_duration_seconds by route pattern (the app's routes,
 * `directPaths` answered before Next.js, and Next's own assets), method and status class. Streams (SSE) are left out:
 * their "duration" is how long a page stayed open, not how fast Wharf answered.
 */
export function registerRequestMetrics(directPaths: string[]) {
  const routeOf = routeMatcher([...appPatterns(), ...directPaths, "/_next/[...asset]"]);
  const { httpDuration } = instruments();
  globalThis.wharfObserve = (req, res) => {
    const t0 = performance.now();
    res.once("finish", () => {
      if (String(res.getHeader("content-type") ?? "").startsWith("text/event-stream")) return;
      const method = req.method && METHODS.has(req.method) ? req.method : "other";
      const code = `${Math.floor(res.statusCode / 100)}xx`;
      httpDuration.observe({ method, route: routeOf(req.url ?? "/"), code }, (performance.now() - t0) / 1000);
    });
  };
}
