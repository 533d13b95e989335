import { Td } from "./table";

/** A grey pulsing placeholder where text or a figure will be; hidden from screen readers. */
export function Skeleton({ className = "" }: { className?: string }) {
  return (
    <span
      aria-hidden
      className={`inline-block max-w-full animate-pulse rounded bg-slate-200 align-middle dark:bg-slate-700/60 ${className}`}
    />
  );
}

const WIDTHS = ["w-32", "w-20", "w-24", "w-16", "w-28"];

/**
 * Placeholder rows inside a real table's body while its data loads: the table and its header are already in
 * place and each row is as tall as a data row (a 20 px line), so nothing moves when the rows arrive. Rows carry
 * `data-skeleton` (what bench/ui.ts skips when it waits for the first data row).
 */
export function SkeletonRows({
  columns,
  rows = 4,
  label = "Loading…",
}: {
  columns: number;
  rows?: number;
  label?: string;
}) {
  return (
    <>
      <tr data-skeleton className="sr-only">
        <td colSpan={columns} role="status">
          {label}
        </td>
      </tr>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} data-skeleton aria-hidden>
          {Array.from({ length: columns }, (_, c) => (
            <Td key={c}>
              <Skeleton className={`h-5 ${WIDTHS[(r + c) % WIDTHS.length]}`} />
            </Td>
          ))}
        </tr>
      ))}
    </>
  );
}

/** Placeholder lines for a card's body or a list (`lines` rows of 20 px text). */
export function SkeletonLines({ lines = 3, label = "Loading…" }: { lines?: number; label?: string }) {
  return (
    <div data-skeleton className="space-y-1">
      <span role="status" className="sr-only">
        {label}
      </span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="h-5">
          <Skeleton className={`h-4 ${WIDTHS[i % WIDTHS.length]} ${i === 0 ? "w-48" : ""}`} />
        </div>
      ))}
    </div>
  );
}

/** Placeholder cards in a grid while a card list loads (`className`: the grid's columns, `height` each card's). */
export function SkeletonCards({
  count = 6,
  className = "grid gap-3 sm:grid-cols-2 xl:grid-cols-3",
  height = "h-32",
  label = "Loading…",
}: {
  count?: number;
  className?: string;
  height?: string;
  label?: string;
}) {
  return (
    <div data-skeleton className={className}>
      <span role="status" className="sr-only">
        {label}
      </span>
      {Array.from({ length: count }, (_, i) => (
        <div
          key={i}
          aria-hidden
          className={`animate-pulse rounded-lg border border-slate-200 bg-slate-100 dark:border-slate-800 dark:bg-slate-800/60 ${height}`}
        />
      ))}
    </div>
  );
}
