/** A small SVG line chart: one or two series over the same x axis, scaled to `max` (or the data's peak). */
export function Sparkline({
  series,
  max,
  label,
  height = 64,
}: {
  series: { values: number[]; className: string; name: string }[];
  max?: number;
  label: string;
  height?: number;
}) {
  const width = 300;
  const n = Math.max(2, ...series.map((s) => s.values.length));
  const peak = max ?? Math.max(1e-9, ...series.flatMap((s) => s.values));
  const point = (v: number, i: number, len: number) =>
    `${((i + (n - len)) / (n - 1)) * width},${height - (Math.min(v, peak) / peak) * (height - 2) - 1}`;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      className="w-full overflow-visible"
      style={{ height }}
    >
      <line
        x1="0"
        x2={width}
        y1={height - 0.5}
        y2={height - 0.5}
        className="stroke-slate-200 dark:stroke-slate-700"
        strokeWidth="1"
      />
      {series.map((s) =>
        s.values.length > 1 ? (
          <polyline
            key={s.name}
            fill="none"
            strokeWidth="1.5"
            vectorEffect="non-scaling-stroke"
            className={s.className}
            points={s.values.map((v, i) => point(v, i, s.values.length)).join(" ")}
          />
        ) : null,
      )}
    </svg>
  );
}
