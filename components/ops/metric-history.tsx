"use client";
import { useMemo } from "react";
import { formatBytes } from "@/components/format";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useMetricHistory } from "@/lib/client/hooks/use-metrics";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import { METRIC_RANGES, MetricRange } from "@/lib/validations/metrics-history";
import { BYTE_INCRS, byteTick } from "./axis-ticks";
import { MetricChart } from "./metric-chart";

const RANGE_LABEL: Record<MetricRange, string> = {
  "1h": "1 hour",
  "6h": "6 hours",
  "24h": "24 hours",
  "7d": "7 days",
};
const RANGE_SECONDS: Record<MetricRange, number> = { "1h": 3600, "6h": 21_600, "24h": 86_400, "7d": 604_800 };
const pct = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} %`;
const bytes = (v: number) => formatBytes(v);
const rate = (v: number) => `${formatBytes(v)}/s`;
const byteAxis = { tick: (v: number) => byteTick(v), incrs: BYTE_INCRS };
const rateAxis = { tick: (v: number) => byteTick(v, "/s"), incrs: BYTE_INCRS };

/** The four charts, in their order on the page: what each plots and how its values and axis read. */
const PANELS = [
  { key: "cpu", title: "CPU (% of one core)", label: "CPU", format: pct, axis: {} },
  { key: "mem", title: "Memory", label: "Memory", format: bytes, axis: byteAxis },
  { key: "net", title: "Network", label: "Network", format: rate, axis: rateAxis },
  { key: "blk", title: "Block I/O", label: "Block I/O", format: rate, axis: rateAxis },
] as const;
const FILTERS = ["range"] as const;

/**
 * History charts of one subject (container, app, host, tenant or the cluster): CPU, memory, network and block I/O over
 * the range in the URL (`?range=1h|6h|24h|7d`). `subject` is its API path, e.g. `/containers/<id>` or `/cluster`.
 */
export function MetricHistory({
  subject,
  what,
  picker,
}: {
  subject: string;
  what: string;
  /** Beside the range buttons: e.g. the app page's choice of one service. */
  picker?: React.ReactNode;
}) {
  const { filters, setFilter } = useUrlFilters(FILTERS);
  const range = MetricRange.catch("1h").parse(filters.range || "1h");
  const q = useMetricHistory(subject, range);
  const d = q.data;
  const charts = useMemo(
    () =>
      d
        ? {
            // The range ends now (when the data came), so a single point sits at the right edge.
            to: Math.floor(Date.now() / 1000),
            cpu: [{ label: "CPU", values: d.cpu, color: "#0ea5e9" }],
            mem: [{ label: "Memory", values: d.mem, color: "#8b5cf6" }],
            net: [
              { label: "Received", values: d.netRx, color: "#10b981" },
              { label: "Sent", values: d.netTx, color: "#f59e0b" },
            ],
            blk: [
              { label: "Read", values: d.blkRead, color: "#10b981" },
              { label: "Written", values: d.blkWrite, color: "#f59e0b" },
            ],
          }
        : null,
    [d],
  );
  const restarts = d?.restarts.reduce<number>((a, b) => a + (b ?? 0), 0) ?? 0;
  return (
    <section aria-label={`History of ${what}`} className="space-y-3" data-points={d?.t.length ?? 0}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium">History</span>
        <div role="group" aria-label="Time range" className="flex gap-1">
          {METRIC_RANGES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={r === range}
              title={RANGE_LABEL[r]}
              onClick={() => setFilter("range", r === "1h" ? "" : r)}
              className={`rounded border px-2 py-0.5 text-xs ${r === range ? "border-sky-600 bg-sky-50 font-medium text-sky-800 dark:bg-sky-950 dark:text-sky-200" : "border-slate-300 text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"}`}
            >
              {r}
            </button>
          ))}
        </div>
        {picker}
        {d ? (
          <span className="text-xs text-slate-500">
            {d.t.length} point{d.t.length === 1 ? "" : "s"}
            {d.step ? ` · every ${d.step < 60 ? `${d.step} s` : `${Math.round(d.step / 60)} min`}` : ""}
            {d.source === "prometheus" ? " · from Prometheus" : ""} · {restarts} restart
            {restarts === 1 ? "" : "s"}
          </span>
        ) : null}
      </div>
      {q.isPending ? (
        <SkeletonLines lines={4} />
      ) : q.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          History unavailable: {q.error.message}
        </p>
      ) : !d || !charts || d.t.length === 0 ? (
        <EmptyState title={`No history for the last ${RANGE_LABEL[range]}`}>
          Wharf records {what} while containers run: the first points appear one or two collection intervals
          after a container starts (WHARF_METRICS_INTERVAL_S, 60 s by default). Start the containers, or pick
          a longer range.
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {PANELS.map((p) => (
            <Card key={p.key} title={p.title}>
              <MetricChart
                t={d.t}
                series={charts[p.key]}
                format={p.format}
                from={charts.to - RANGE_SECONDS[range]}
                to={charts.to}
                {...p.axis}
                label={`${p.label} of ${what}`}
              />
            </Card>
          ))}
        </div>
      )}
    </section>
  );
}
