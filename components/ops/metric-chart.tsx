"use client";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export type ChartSeries = { label: string; values: (number | null)[]; color: string };

/**
 * One uPlot chart (docs/metrics.md "Charts"): time on x, one or two series; the legend under it is the hover
 * read-out (the values at the cursor). Sized to its box (ResizeObserver) so it fits a 390 px phone; the axis and grid
 * colours are read from the page, so it follows the theme (redrawn when the `dark` class changes).
 */
export function MetricChart({
  t,
  series,
  format,
  label,
  from,
  to,
  tick = format,
  incrs,
  height = 160,
}: {
  t: number[];
  series: ChartSeries[];
  format: (v: number) => string;
  label: string;
  /** The range shown (seconds): the whole range even when the points cover part of it (one point spanned years). */
  from: number;
  to: number;
  /** The y axis' labels and steps (components/ops/axis-ticks.ts for bytes); the read-out keeps `format`. */
  tick?: (v: number) => string;
  incrs?: number[];
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlot | null = null;
    const build = () => {
      plot?.destroy();
      const style = getComputedStyle(el);
      const dark = document.documentElement.classList.contains("dark");
      const grid = dark ? "rgba(148,163,184,0.15)" : "rgba(100,116,139,0.15)";
      const axis = {
        stroke: style.color,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid, width: 1 },
      };
      const fmt = (v: number | null | undefined) => (v === null || v === undefined ? "—" : format(v));
      plot = new uPlot(
        {
          width: Math.max(200, el.clientWidth),
          height,
          legend: { live: true },
          cursor: { drag: { x: false, y: false } },
          scales: {
            x: { time: true, range: () => [from, to] },
            y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
          },
          axes: [axis, { ...axis, size: 64, incrs, values: (_u, vals) => vals.map((v) => tick(v)) }],
          series: [
            { label: "Time" },
            ...series.map((s) => ({
              label: s.label,
              stroke: s.color,
              width: 1.5,
              points: { show: false },
              value: (_u: uPlot, v: number | null) => fmt(v),
            })),
          ],
        },
        [t, ...series.map((s) => s.values)] as uPlot.AlignedData,
        el,
      );
    };
    build();
    const resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    const theme = new MutationObserver(build);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      plot?.destroy();
    };
  }, [t, series, format, tick, incrs, from, to, height]);
  return (
    <div
      ref={box}
      role="group"
      aria-label={label}
      className="metric-chart w-full text-slate-600 dark:text-slate-300"
    />
  );
}
