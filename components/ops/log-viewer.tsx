"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { bind, controlClass } from "@/components/ui/field";
import { qs } from "@/lib/client/api";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import { MAX_LINES, useLogStream } from "./use-log-stream";

const keys = ["tail", "follow", "ts", "stream", "q"] as const;
const ROW = 20;

/** Logs of a container (`/containers/{id}/logs`) or an app (`/apps/{id}/logs`, container named on each line). */
export function LogViewer({
  basePath,
  downloadable = true,
  query = {},
  containerLabel = (c) => c,
  children,
}: {
  basePath: string;
  downloadable?: boolean;
  /** Extra query parameters for the stream (the app page's service filter). */
  query?: Record<string, string | undefined>;
  /** How a line's container is shown (the app page shortens it; the full name is its tooltip). */
  containerLabel?: (container: string) => string;
  /** Extra controls at the start of the toolbar. */
  children?: React.ReactNode;
}) {
  const { filters, setFilter } = useUrlFilters(keys);
  const tail = filters.tail || "200";
  const follow = filters.follow !== "0";
  const timestamps = filters.ts === "1";
  const [search, setSearch] = useState(filters.q);
  const url = `/api/v1${basePath}${qs({ ...query, tail, follow: follow ? "true" : undefined, timestamps: timestamps ? "true" : undefined })}`;
  const log = useLogStream(url);
  const shown = useMemo(() => {
    const q = filters.q.toLowerCase();
    return log.lines.filter(
      (l) =>
        (!filters.stream || l.stream === filters.stream) &&
        (!q || l.text.toLowerCase().includes(q) || l.container?.toLowerCase().includes(q)),
    );
  }, [log.lines, filters.stream, filters.q]);

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Scrolling up pauses the auto-scroll; the user is told so and can jump back (state only flips on change).
  const [paused, setPaused] = useState(false);
  const virt = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 20,
  });
  useEffect(() => {
    if (atBottom.current && shown.length) virt.scrollToIndex(shown.length - 1, { align: "end" });
  }, [shown.length, virt]);
  useEffect(() => {
    if (search === filters.q) return;
    const t = setTimeout(() => setFilter("q", search), 250);
    return () => clearTimeout(t);
  }, [search]); // eslint-disable-line react-hooks/exhaustive-deps -- debounce on the typed text only; setFilter changes identity with the URL

  const select = `${controlClass} w-auto py-1.5`;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-2" role="toolbar" aria-label="Log options">
        {children}
        <label className="text-xs text-slate-600 dark:text-slate-400">
          Lines
          <select
            aria-label="Lines"
            className={`${select} mt-1`}
            value={tail}
            onChange={(e) => setFilter("tail", e.target.value === "200" ? "" : e.target.value)}
          >
            {["50", "200", "1000", "5000"].map((n) => (
              <option key={n} value={n}>
                last {n}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600 dark:text-slate-400">
          Stream
          <select
            aria-label="Stream"
            className={`${select} mt-1`}
            value={filters.stream}
            onChange={(e) => setFilter("stream", e.target.value)}
          >
            <option value="">stdout + stderr</option>
            <option value="stdout">stdout</option>
            <option value="stderr">stderr</option>
          </select>
        </label>
        <label className="min-w-48 flex-1 text-xs text-slate-600 dark:text-slate-400">
          Search
          <input
            aria-label="Search logs"
            type="search"
            placeholder="Filter lines containing…"
            className={`${controlClass} mt-1 py-1.5`}
            {...bind(search, setSearch)}
          />
        </label>
        <Toggle label="Follow" checked={follow} onChange={(on) => setFilter("follow", on ? "" : "0")} />
        <Toggle label="Timestamps" checked={timestamps} onChange={(on) => setFilter("ts", on ? "1" : "")} />
        <Button variant="secondary" size="sm" className="h-9" onClick={log.clear}>
          Clear
        </Button>
        {downloadable ? (
          <a
            className="inline-flex h-9 items-center rounded-md border border-slate-300 px-3 text-xs font-medium hover:bg-slate-100 focus:ring-2 focus:ring-sky-500 focus:outline-none dark:border-slate-700 dark:hover:bg-slate-800"
            href={`/api/v1${basePath}?tail=all&timestamps=true&download=true`}
          >
            Download
          </a>
        ) : null}
      </div>
      <div className="flex items-center justify-between text-xs text-slate-500">
        <span aria-live="polite">
          {log.status === "error" ? (
            <span className="text-red-600">{log.error}</span>
          ) : log.status === "following" ? (
            "Following live"
          ) : log.status === "done" ? (
            "End of log"
          ) : (
            "Loading…"
          )}
          {" · "}
          {shown.length} lines shown{filters.q || filters.stream ? ` of ${log.lines.length}` : ""}
          {log.dropped ? ` · older lines trimmed (keeps the last ${MAX_LINES.toLocaleString()})` : ""}
        </span>
        {paused && follow && shown.length ? (
          <span className="flex items-center gap-2" role="status">
            <span className="text-amber-700 dark:text-amber-400">Following paused: you scrolled up</span>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                atBottom.current = true;
                setPaused(false);
                virt.scrollToIndex(shown.length - 1, { align: "end" });
              }}
            >
              Jump to end
            </Button>
          </span>
        ) : null}
      </div>
      <div
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 2;
          if (paused === atBottom.current) setPaused(!atBottom.current);
        }}
        className="dark h-[60vh] overflow-auto rounded-lg border border-slate-200 bg-slate-950 font-mono text-xs text-slate-100 scheme-dark dark:border-slate-800"
        data-testid="log-scroller"
        tabIndex={0}
        aria-label="Log lines"
      >
        {shown.length === 0 ? (
          <p className="p-4 text-slate-400">
            {log.status === "loading"
              ? "Loading…"
              : filters.q
                ? "No line matches the search."
                : "No log lines yet. With Follow on, new lines appear here as the container prints them."}
          </p>
        ) : (
          <div
            style={{ height: virt.getTotalSize(), position: "relative", minWidth: "100%" }}
            className="w-max"
          >
            {virt.getVirtualItems().map((v) => {
              const l = shown[v.index];
              return (
                <div
                  key={v.key}
                  data-testid="log-line"
                  data-stream={l.stream}
                  style={{ position: "absolute", top: 0, transform: `translateY(${v.start}px)`, height: ROW }}
                  className={`flex w-full items-center gap-2 px-3 whitespace-pre ${l.stream === "stderr" ? "bg-red-950/40 text-red-300" : ""}`}
                >
                  {timestamps && l.ts ? (
                    <span className="text-slate-500">{l.ts.replace("T", " ").slice(0, 23)}</span>
                  ) : null}
                  {l.container ? (
                    <span className="text-sky-400" title={l.container}>
                      {containerLabel(l.container)}
                    </span>
                  ) : null}
                  <span
                    className={`w-12 shrink-0 text-[10px] uppercase ${l.stream === "stderr" ? "text-red-400" : "text-slate-500"}`}
                  >
                    {l.stream}
                  </span>
                  <Highlight text={l.text} q={filters.q} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

function Highlight({ text, q }: { text: string; q: string }) {
  if (!q) return <span>{text}</span>;
  const i = text.toLowerCase().indexOf(q.toLowerCase());
  if (i < 0) return <span>{text}</span>;
  return (
    <span>
      {text.slice(0, i)}
      <mark className="rounded-sm bg-amber-300 text-slate-900">{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </span>
  );
}

/** A toolbar checkbox (Follow, Timestamps), as tall as the controls beside it. */
function Toggle({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="flex h-9 items-center gap-1.5 text-sm">
      <Checkbox
        className="size-4 rounded focus:ring-2 focus:ring-sky-500"
        checked={checked}
        onChange={onChange}
      />{" "}
      {label}
    </label>
  );
}
