// Issue 24's metrics-history figures for `npm run bench:metrics`: the collector run in this process (which does
// nothing else) against the engine simulator, a fresh migrated SQLite file for its rows, and the real engine for the
// cost of one sample there (bench/stats-cost.ts). Imported by bench/metrics.ts; lib/ modules need
// `node --conditions=react-server` (they import "server-only"), which the npm script passes.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import Database from "better-sqlite3";
import type { Point } from "@/lib/ops/metrics-points";
import { migratedSqlite } from "./migrated-sqlite";
import { startSimProcess } from "./scale/sim";
import { summarize } from "./scale/stats";
import type { StatsCost } from "./stats-cost";

export type HistoryFigures = {
  hosts: number;
  containers: number;
  intervalS: number;
  passCpuMs: number;
  passWallMs: number;
  cpuMsPerSample: number;
  collectorCorePercent: number;
  bytesPerPass: number;
  growthPerDayBytes: number;
  chartP50Ms: number;
  chartP95Ms: number;
  failed: number;
  /** The pass-end write of one pass's rows, whole (one transaction, as before issue 24/22) and in the writer's chunks. */
  passWrite: { whole: PassWrite; chunked: PassWrite };
  realEngine: StatsCost | null;
  load: number[];
};

function listIds(endpoint: string): Promise<{ id: string; tenant: string | null }[]> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath: endpoint.replace("unix://", ""), path: "/containers/json" },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () =>
          resolve(
            (JSON.parse(body) as { Id: string; State: string; Labels: Record<string, string> }[])
              .filter((c) => c.State === "running")
              .map((c) => ({ id: c.Id, tenant: c.Labels["wharf.tenant"] ?? null })),
          ),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

export type PassWrite = {
  rows: number;
  chunkRows: number;
  cpuMs: number;
  wallMs: number;
  longestBlockMs: number;
  longestCpuMs: number;
};

/**
 * Writes `points` again (as a later pass, `at` moved on by `dtS`) through a writer of its own on `file`, `chunkRows`
 * rows a transaction, and reports the write's CPU, wall time and the longest event-loop block while it ran
 * (perf_hooks' delay histogram at 1 ms resolution: the longest a timer, a request or an SSE frame had to wait).
 */
export async function measurePassWrite(
  file: string,
  points: Point[],
  dtS: number,
  chunkRows: number,
): Promise<PassWrite> {
  const { SqlitePointWriter } = await import("@/lib/ops/metrics-rows");
  const conn = new Database(file, { fileMustExist: true, timeout: 0 });
  conn.pragma("synchronous = NORMAL");
  try {
    const w = new SqlitePointWriter(conn, { rows: chunkRows, retries: 10, retryMs: 100 });
    const batch = points.map((p) => ({ ...p, at: p.at + dtS }));
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    // Its first tick only starts the clock: let it run before the write. Beside it, a 1 ms timer that keeps the
    // longest CPU stretch between two of its ticks (wall time on a loaded machine counts waiting for a core too).
    let longestCpuMs = 0;
    let last = process.cpuUsage();
    const tick = setInterval(() => {
      const d = process.cpuUsage(last);
      last = process.cpuUsage();
      longestCpuMs = Math.max(longestCpuMs, (d.user + d.system) / 1000);
    }, 1);
    await new Promise((r) => setTimeout(r, 20));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    if (!(await w.write(batch))) throw new Error("the database stayed busy");
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    await new Promise((r) => setTimeout(r, 20)); // the last block shows as the next tick's delay
    clearInterval(tick);
    h.disable();
    return {
      rows: batch.length,
      chunkRows,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs,
      longestBlockMs: h.max / 1e6,
      longestCpuMs,
    };
  } finally {
    conn.close();
  }
}

/**
 * The database's size once the write-ahead log is folded in and truncated: the log is transient space as large as
 * one pass's transaction (18 MB at 80,000 containers), not growth; counting it read 225 B a point instead of the table's.
 */
function fileBytes(f: string) {
  const c = new Database(f);
  try {
    c.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    c.close();
  }
  return [f, `${f}-wal`].reduce((n, x) => n + (fs.existsSync(x) ? fs.statSync(x).size : 0), 0);
}

export async function measureHistory(a: {
  hosts: number;
  containers: number;
  real: boolean;
}): Promise<HistoryFigures> {
  const file = migratedSqlite("wharf-mhist-");
  const dir = path.dirname(file);
  process.env.DATABASE_URL = `file:${file}`; // before lib/config and lib/db are imported
  const { MetricsCollector } = await import("@/lib/ops/metrics-collector");
  const { passInterval, MINUTE_STEP } = await import("@/lib/ops/metrics-points");
  const { pointWriter, readPoints } = await import("@/lib/ops/metrics-rows");
  const sim = await startSimProcess({
    engines: a.hosts,
    containersPerEngine: a.containers,
    eventsPerSecond: 0,
    seed: 1,
    socketDir: path.join(dir, "sim"),
    tenants: 10,
  });
  try {
    const targets = await Promise.all(
      sim.endpoints.map(async (url, i) => ({
        hostId: `h${i}`,
        url,
        containers: (await listIds(url)).map((c) => ({ ...c, app: null, service: null })),
      })),
    );
    const byId = new Map(targets.map((t) => [t.hostId, t.url]));
    const collector = new MetricsCollector(
      () => targets,
      undefined,
      async (id: string) => ({ id, url: byId.get(id)! }),
      false, // unpaced: at 100,000 containers a paced pass spreads over ~20 min; its CPU is the same
    );
    const containers = targets.reduce((n, t) => n + t.containers.length, 0);
    const intervalS = passInterval(containers, 60);
    const t0 = Date.now();
    await collector.pass(t0); // primes the previous readings: no points yet
    const before = fileBytes(file);
    await collector.pass(t0 + intervalS * 1000);
    const second = collector.last;
    const points = await collector.pass(t0 + 2 * intervalS * 1000);
    const third = collector.last;
    const bytesPerPass = (fileBytes(file) - before) / 2;
    const passWrite = {
      whole: await measurePassWrite(file, points, intervalS, points.length),
      chunked: await measurePassWrite(file, points, 2 * intervalS, 2_000),
    };
    // A chart of one app over 24 h: 1,440 one-minute points among everything else.
    const now = Math.floor(Date.now() / 1000);
    const appPoints = Array.from({ length: 1440 }, (_, i) => ({
      kind: "app" as const,
      subject: "bench-app",
      step: MINUTE_STEP,
      at: now - 86_400 + i * 60,
      tenantId: "t0",
      cpu: 1234,
      mem: 1e8,
      netRx: 1000,
      netTx: 500,
      blkRead: 10,
      blkWrite: 20,
      restarts: 0,
    }));
    await pointWriter().write(appPoints);
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const s = performance.now();
      const rows = await readPoints("app", "bench-app", MINUTE_STEP, now - 86_400);
      if (rows.length !== 1440) throw new Error(`read ${rows.length} points, wrote 1440`);
      times.push(performance.now() - s);
    }
    const chart = summarize(times.slice(10)); // the first reads warm Prisma's query compiler
    const cpuMs = (second.cpuMs + third.cpuMs) / 2;
    return {
      hosts: a.hosts,
      containers,
      intervalS,
      passCpuMs: cpuMs,
      passWallMs: (second.wallMs + third.wallMs) / 2,
      cpuMsPerSample: cpuMs / containers,
      collectorCorePercent: (cpuMs / (intervalS * 1000)) * 100,
      bytesPerPass,
      growthPerDayBytes: bytesPerPass * (86_400 / intervalS),
      chartP50Ms: chart.p50,
      chartP95Ms: chart.p95,
      failed: second.failed + third.failed,
      passWrite,
      // Imported here: stats-cost reaches lib/config, which reads DATABASE_URL once, and it is set above for this run.
      realEngine: a.real ? await (await import("./stats-cost")).measureRealEngine(40, 10, 8) : null,
      load: os.loadavg(),
    };
  } finally {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const GiB = 1024 ** 3;
const w2 = (n: number) => n.toLocaleString("en-US");
export function printHistory(f: HistoryFigures) {
  const row = (what: string, value: string, target: string, met: boolean) =>
    console.log(`| ${what} | ${value} | ${target} | ${met ? "yes" : "NO"} |`);
  console.log(
    `\nMetrics history at ${f.hosts} hosts × ${f.containers / f.hosts} running containers on average (${f.containers} ` +
      `sampled), default interval ${f.intervalS} s (machine load ${f.load.map((l) => l.toFixed(1)).join(" / ")} on ` +
      `${os.cpus().length} cores)`,
  );
  console.log("| figure | measured | target | met |\n|---|---|---|---|");
  row(
    "collector CPU at the default interval",
    `${f.collectorCorePercent.toFixed(1)} % of one core (${(f.passCpuMs / 1000).toFixed(1)} s CPU per pass, ${(f.passWallMs / 1000).toFixed(1)} s wall)`,
    "≤ 10 %",
    f.collectorCorePercent <= 10,
  );
  row("cost per sample (Wharf CPU, simulator)", `${f.cpuMsPerSample.toFixed(3)} ms`, "—", true);
  if (f.realEngine)
    row(
      "cost per sample (real engine)",
      `${f.realEngine.wharfCpuMsPerCall.toFixed(2)} ms Wharf CPU, ${f.realEngine.engineCpuMsPerCall.toFixed(2)} ms dockerd CPU, ${f.realEngine.wallMsP50.toFixed(0)} ms wall p50`,
      "—",
      true,
    );
  row(
    "database growth per day",
    `${(f.growthPerDayBytes / GiB).toFixed(3)} GiB (${(f.bytesPerPass / f.containers).toFixed(0)} B per container point)`,
    "≤ 1 GiB",
    f.growthPerDayBytes <= GiB,
  );
  row(
    "chart query p95, 24 h of one app",
    `${f.chartP95Ms.toFixed(1)} ms (p50 ${f.chartP50Ms.toFixed(1)})`,
    "≤ 100 ms",
    f.chartP95Ms <= 100,
  );
  for (const [what, w] of [
    ["one transaction (before)", f.passWrite.whole],
    [`${w2(f.passWrite.chunked.chunkRows)} rows a transaction`, f.passWrite.chunked],
  ] as const)
    row(
      `longest loop block during the pass-end write, ${what}`,
      `${w.longestBlockMs.toFixed(0)} ms wall, ${w.longestCpuMs.toFixed(0)} ms CPU (${w.rows} rows: ${w.cpuMs.toFixed(0)} ms CPU, ${w.wallMs.toFixed(0)} ms wall)`,
      "—",
      true,
    );
  if (f.failed) console.log(`(${f.failed} stats calls failed or timed out)`);
}
