// The results table: each figure next to its target (pure, unit-tested).
import type { DiagSample } from "./diag";
import type { Summary } from "./stats";

export type LatencyRun = {
  clients: number;
  rate: number;
  meters: number;
  latency: Summary;
  changesPerEvent: number;
  resyncs: number;
  errors: number;
};
export type PageRun = {
  rows: number;
  firstRowsMs: number;
  filterMs: number;
  sortMs: number;
  jsHeapBytes: number;
  domRows: number;
};
export type ScaleResults = {
  syncSeconds: number;
  registerSeconds: number;
  rssAfterSyncBytes: number;
  soak: {
    minutes: number;
    rate: number;
    clients: number;
    startBytes: number;
    endBytes: number;
    growth: number;
    latency: Summary | null;
    /** Heap in use right after each full GC during the soak (the live set), from --trace-gc. */
    liveHeapMiB?: {
      first: number;
      last: number;
      min: number;
      max: number;
      fullGcs: number;
      maxCommittedMiB: number;
    } | null;
    /** The server's memory by kind at the start and the end of the soak (its diagnostics lines). */
    memory?: { first: DiagSample; last: DiagSample } | null;
  } | null;
  latency: LatencyRun[];
  counters: { latency: Summary } | null;
  /** --postgres-counters: the same load on a server whose database is PostgreSQL (issue 20). */
  countersPostgres?: { latency: Summary } | null;
  /** The same answer and load served by a bare node:http server (bench/scale/floor.ts): this machine's floor. */
  countersFloor?: { latency: Summary; rps: number } | null;
  containersPage: { latency: Summary } | null;
  page: PageRun | null;
};

export type Row = { figure: string; measured: string; target: string; met: boolean | null };

const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms` : "n/a");
const mib = (b: number) => (Number.isFinite(b) ? `${(b / 1048576).toFixed(0)} MiB` : "n/a");
const ok = (v: number, max: number) => (Number.isFinite(v) ? v <= max : false);
const percentiles = (l: Summary) => `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)}`;
/** A GET figure whose target is its p95. */
const p95Row = (figure: string, l: Summary, maxMs: number): Row => ({
  figure,
  measured: percentiles(l),
  target: `p95 ≤ ${maxMs} ms`,
  met: ok(l.p95, maxMs),
});

export function buildRows(r: ScaleResults, headline: { rate: number; clients: number }): Row[] {
  const rows: Row[] = [
    {
      figure: "full sync (register → every container in the fleet state)",
      measured: `${r.syncSeconds.toFixed(1)} s (registering: ${r.registerSeconds.toFixed(1)} s)`,
      target: "≤ 30 s",
      met: ok(r.syncSeconds, 30),
    },
    {
      figure: "server RSS after sync",
      measured: mib(r.rssAfterSyncBytes),
      target: "≤ 1024 MiB",
      met: ok(r.rssAfterSyncBytes, 1024 * 1048576),
    },
  ];
  if (r.soak) {
    rows.push({
      figure: `RSS growth over ${r.soak.minutes} min soak (${r.soak.rate} ev/s, ${r.soak.clients} SSE clients)`,
      measured: `${(r.soak.growth * 100).toFixed(1)} % (${mib(r.soak.startBytes)} → ${mib(r.soak.endBytes)})`,
      target: "< 5 %",
      met: Number.isFinite(r.soak.growth) ? r.soak.growth < 0.05 : false,
    });
  }
  const live = r.soak?.liveHeapMiB;
  if (live) {
    rows.push({
      figure: `live heap after full GCs during the soak (first → last, min–max)`,
      measured: `${live.first.toFixed(0)} → ${live.last.toFixed(0)} MiB (${live.min.toFixed(0)}–${live.max.toFixed(0)}, ${live.fullGcs} GCs; committed ≤ ${live.maxCommittedMiB.toFixed(0)} MiB)`,
      target: "—",
      met: null,
    });
  }
  if (r.soak?.latency) {
    const l = r.soak.latency;
    rows.push({
      figure: `event → SSE p50/p99 during the soak`,
      measured: `${ms(l.p50)} / ${ms(l.p99)}`,
      target: "≤ 30 ms / ≤ 150 ms",
      met: ok(l.p50, 30) && ok(l.p99, 150),
    });
  }
  for (const run of r.latency) {
    const main = run.rate === headline.rate && run.clients === headline.clients;
    const l = run.latency;
    rows.push({
      figure: `event → SSE p50/p95/p99, ${run.rate} ev/s, ${run.clients} clients${main ? " (headline)" : ""}`,
      measured: percentiles(l),
      target: "p50 ≤ 30 ms, p99 ≤ 150 ms",
      met: l.n > 0 && ok(l.p50, 30) && ok(l.p99, 150),
    });
  }
  if (r.counters) rows.push(p95Row("GET /counters p50/p95/p99 (50 concurrent)", r.counters.latency, 20));
  if (r.countersFloor) {
    const l = r.countersFloor.latency;
    rows.push({
      figure: "  floor: the same answer from a bare node:http server, same load",
      measured: `${percentiles(l)} (${r.countersFloor.rps.toFixed(0)} req/s)`,
      target: "—",
      met: null,
    });
  }
  if (r.countersPostgres)
    rows.push(
      p95Row("GET /counters p50/p95/p99 on PostgreSQL (50 concurrent)", r.countersPostgres.latency, 20),
    );
  if (r.containersPage)
    rows.push(
      p95Row(
        "GET /containers first page, filtered, p50/p95/p99 (50 concurrent)",
        r.containersPage.latency,
        50,
      ),
    );
  if (r.page) {
    const p = r.page;
    rows.push(
      {
        figure: `containers page: first rows (${p.rows} containers)`,
        measured: ms(p.firstRowsMs),
        target: "—",
        met: null,
      },
      {
        figure: "containers page: apply a text filter",
        measured: ms(p.filterMs),
        target: "≤ 200 ms",
        met: ok(p.filterMs, 200),
      },
      {
        figure: "containers page: apply a sort",
        measured: ms(p.sortMs),
        target: "≤ 200 ms",
        met: ok(p.sortMs, 200),
      },
      { figure: "containers page: tab JS heap", measured: mib(p.jsHeapBytes), target: "—", met: null },
    );
  }
  return rows;
}

export function formatTable(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.figure,
    r.measured,
    r.target,
    r.met === null ? "—" : r.met ? "yes" : "NO",
  ]);
  const head = ["figure", "measured", "target", "met?"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((s, i) => s.padEnd(widths[i])).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}
