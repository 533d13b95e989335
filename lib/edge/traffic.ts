import "server-only";
import fs from "node:fs/promises";
import { parseAccessLine } from "./access-log";
import { TrafficWindows, type RouteKey, type WindowFigures } from "./traffic-window";
import type { EdgeRoute } from "./config";

// Tails Caddy's access log (WHARF_EDGE_ACCESS_LOG, written by Caddy itself: lib/edge/access-log.ts) once a second
// and counts each line into the per-route windows. On start it reads at most the file's last 4 MiB (the lines of
// the last 15 minutes count again after a restart of Wharf). When Caddy rolls the file (10 MB), the new file is
// read from its start; lines written to the old one after the last read are not counted. One reader per
// process, on globalThis (route handlers and start-up hooks are bundled apart).

const TAIL_MS = 1000;
const FIRST_READ = 4 * 1024 * 1024;
const MAX_READ = 16 * 1024 * 1024;

type Reader = {
  file: string;
  windows: TrafficWindows;
  ino: number;
  offset: number;
  partial: string;
  timer?: NodeJS.Timeout;
  reading: boolean;
};
declare global {
  var wharfEdgeTraffic: Reader | undefined;
}

async function readNew(r: Reader): Promise<void> {
  const st = await fs.stat(r.file).catch(() => null);
  if (!st) return;
  const first = r.ino === 0;
  if (st.ino !== r.ino || st.size < r.offset) {
    // A new file (first read, or rolled by Caddy): from the start, or its end part on the first read.
    r.offset = first ? Math.max(0, st.size - FIRST_READ) : 0;
    r.partial = "";
    r.ino = st.ino;
    if (first && r.offset > 0) r.partial = "\0"; // the first line read is torn: dropped below
  }
  if (st.size <= r.offset) return;
  const length = Math.min(st.size - r.offset, MAX_READ);
  const fh = await fs.open(r.file, "r");
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, r.offset);
    r.offset += bytesRead;
    const lines = (r.partial + buf.subarray(0, bytesRead).toString("utf8")).split("\n");
    r.partial = lines.pop() ?? "";
    const now = Date.now() / 1000;
    for (const line of lines) {
      const e = parseAccessLine(line);
      if (e) r.windows.add(e, now);
    }
  } finally {
    await fh.close();
  }
}

async function tick(r: Reader): Promise<void> {
  if (r.reading) return;
  r.reading = true;
  try {
    await readNew(r);
  } catch (err) {
    console.error(`[wharf] edge access log ${r.file}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    r.reading = false;
  }
}

/** Start-up hook: tail `file` (nothing when no access log is configured). */
export function startTrafficReader(file: string | undefined): void {
  if (!file || globalThis.wharfEdgeTraffic) return;
  const r: Reader = { file, windows: new TrafficWindows(), ino: 0, offset: 0, partial: "", reading: false };
  globalThis.wharfEdgeTraffic = r;
  r.timer = setInterval(() => void tick(r), TAIL_MS);
  r.timer.unref();
}

/** The routes to count, from the sync's latest computation. */
export function countRoutes(routes: EdgeRoute[]): void {
  globalThis.wharfEdgeTraffic?.windows.setRoutes(routes);
}

export const TRAFFIC_WINDOWS_S = [60, 300, 900] as const;

/** A route's figures over the last minute, 5 and 15 minutes; null when no access log is read. */
export async function trafficOf(route: RouteKey): Promise<WindowFigures[] | null> {
  const r = globalThis.wharfEdgeTraffic;
  if (!r) return null;
  await tick(r); // what Caddy wrote since the last tick counts
  const now = Date.now() / 1000;
  return TRAFFIC_WINDOWS_S.map((s) => r.windows.figures(route, s, now));
}

/** Whether this process reads an access log. */
export const trafficEnabled = () => globalThis.wharfEdgeTraffic !== undefined;
