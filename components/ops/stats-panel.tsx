"use client";
import { useEffect, useState } from "react";
import { formatBytes } from "@/components/format";
import { Card } from "@/components/ui/card";
import { StatsSampleView } from "@/lib/validations/ops";
import { formatPercent } from "./format";
import { Sparkline } from "./sparkline";

const WINDOW = 90;
type Point = StatsSampleView & {
  netRxRate: number;
  netTxRate: number;
  blkReadRate: number;
  blkWriteRate: number;
};

/** Live stats from the SSE stream (one sample a second, shared server-side by every viewer of the container). */
export function useLiveStats(containerId: string) {
  const [points, setPoints] = useState<Point[]>([]);
  const [state, setState] = useState<"connecting" | "live" | "ended" | "error">("connecting");
  useEffect(() => {
    setPoints([]);
    const es = new EventSource(`/api/v1/containers/${encodeURIComponent(containerId)}/stats`);
    es.onopen = () => setState("live");
    es.onmessage = (ev) => {
      const s = StatsSampleView.parse(JSON.parse(ev.data));
      setPoints((prev) => {
        const last = prev.at(-1);
        const dt = last
          ? Math.max(0.001, (new Date(s.at).getTime() - new Date(last.at).getTime()) / 1000)
          : 1;
        const rate = (a: number, b: number | undefined) => (b === undefined ? 0 : Math.max(0, (a - b) / dt));
        const p: Point = {
          ...s,
          netRxRate: rate(s.netRxBytes, last?.netRxBytes),
          netTxRate: rate(s.netTxBytes, last?.netTxBytes),
          blkReadRate: rate(s.blockReadBytes, last?.blockReadBytes),
          blkWriteRate: rate(s.blockWriteBytes, last?.blockWriteBytes),
        };
        return [...prev.slice(-(WINDOW - 1)), p];
      });
    };
    // The server ends the stream when the container stops; do not let EventSource reconnect forever.
    es.addEventListener("end", () => (setState("ended"), es.close()));
    es.onerror = () => setState(es.readyState === EventSource.CLOSED ? "error" : "connecting");
    return () => es.close();
  }, [containerId]);
  return { points, state };
}

export function StatsPanel({ containerId, running }: { containerId: string; running: boolean }) {
  const { points, state } = useLiveStats(containerId);
  const last = points.at(-1);
  if (!running)
    return (
      <p className="text-sm text-slate-500">The container is not running: start it to see live stats.</p>
    );
  const limit = last?.memoryLimitBytes ?? 0;
  return (
    <div className="space-y-3" data-samples={points.length}>
      <p className="text-xs text-slate-500" aria-live="polite">
        {state === "live"
          ? `Live · last ${WINDOW} s`
          : state === "ended"
            ? "Stream ended (container stopped)"
            : state === "error"
              ? "Stats unavailable"
              : "Connecting…"}
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <ChartCard name="CPU" now={formatPercent(last?.cpuPercent)} nowTestId="cpu-now">
          <Sparkline
            label="CPU use over time"
            series={[{ name: "cpu", values: points.map((p) => p.cpuPercent), className: "stroke-sky-500" }]}
            max={Math.max(100, ...points.map((p) => p.cpuPercent))}
          />
          <p className="mt-1 text-xs text-slate-500">
            100 % = one core · {last?.onlineCpus ?? "?"} cores visible · {last?.pids ?? 0} processes
          </p>
        </ChartCard>
        <ChartCard
          name="Memory"
          now={
            last
              ? `${formatBytes(last.memoryBytes)} of ${formatBytes(limit)} (${formatPercent(last.memoryPercent)})`
              : "—"
          }
        >
          <Sparkline
            label="Memory use against the limit"
            series={[
              { name: "mem", values: points.map((p) => p.memoryBytes), className: "stroke-violet-500" },
            ]}
            max={limit || undefined}
          />
          <p className="mt-1 text-xs text-slate-500">
            Scale: the container&apos;s limit ({formatBytes(limit)})
          </p>
        </ChartCard>
        <RateCard pair={NETWORK} points={points} />
        <RateCard pair={BLOCK_IO} points={points} />
      </div>
    </div>
  );
}

/** A chart's card: its name, with the latest figure beside it. */
function ChartCard({
  name,
  now,
  nowTestId,
  children,
}: {
  name: string;
  now: string;
  nowTestId?: string;
  children: React.ReactNode;
}) {
  return (
    <Card
      title={
        <>
          {name}{" "}
          <span className="ml-2 font-normal text-slate-500" data-testid={nowTestId}>
            {now}
          </span>
        </>
      }
    >
      {children}
    </Card>
  );
}

/** One side of a RatePair: its word in the legend, its rate per point, its total so far, its mark in the title. */
type Rate = [
  word: string,
  rate: "netRxRate" | "netTxRate" | "blkReadRate" | "blkWriteRate",
  total: "netRxBytes" | "netTxBytes" | "blockReadBytes" | "blockWriteBytes",
  mark: string,
];
/** A card of two byte rates: its name, the chart's label, and its two sides. */
type RatePair = { name: string; label: string; a: Rate; b: Rate };

const NETWORK: RatePair = {
  name: "Network",
  label: "Network receive and transmit rate",
  a: ["received", "netRxRate", "netRxBytes", "↓"],
  b: ["sent", "netTxRate", "netTxBytes", "↑"],
};
const BLOCK_IO: RatePair = {
  name: "Block I/O",
  label: "Disk read and write rate",
  a: ["read", "blkReadRate", "blockReadBytes", "read"],
  b: ["written", "blkWriteRate", "blockWriteBytes", "write"],
};

/** Two byte rates over time (green and amber), the latest beside the name, and their totals so far. */
function RateCard({ pair: { name, label, a, b }, points }: { pair: RatePair; points: Point[] }) {
  const last = points.at(-1);
  const now = last ? `${a[3]} ${formatBytes(last[a[1]])}/s · ${b[3]} ${formatBytes(last[b[1]])}/s` : "—";
  return (
    <ChartCard name={name} now={now}>
      <Sparkline
        label={label}
        series={[
          { name: a[0], values: points.map((p) => p[a[1]]), className: "stroke-emerald-500" },
          { name: b[0], values: points.map((p) => p[b[1]]), className: "stroke-amber-500" },
        ]}
      />
      <p className="mt-1 text-xs text-slate-500">
        <span className="text-emerald-600">■</span> {a[0]} · <span className="text-amber-600">■</span> {b[0]}{" "}
        · totals {formatBytes(last?.[a[2]] ?? 0)} / {formatBytes(last?.[b[2]] ?? 0)}
      </p>
    </ChartCard>
  );
}
