"use client";
import { useCallback, useRef, useState } from "react";
import { useBuildLog } from "@/lib/client/hooks/use-builds";

// Colours and cursor moves are dropped: the view is plain text, appended as it arrives.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/**
 * Terminal-like log: chunks are batched per animation frame and appended as text nodes to one <pre>
 * (no React re-render per line), so fast output keeps up. It follows the tail unless the reader
 * scrolls up; "Follow" jumps back to the end.
 */
export function BuildLogView({ buildId, truncatedNote }: { buildId: string; truncatedNote?: string | null }) {
  const box = useRef<HTMLDivElement>(null);
  const pre = useRef<HTMLPreElement>(null);
  const pending = useRef<string[]>([]);
  const frame = useRef(0);
  const following = useRef(true);
  const [follow, setFollow] = useState(true);

  const flush = useCallback(() => {
    frame.current = 0;
    const el = pre.current;
    if (!el || pending.current.length === 0) return;
    el.append(document.createTextNode(pending.current.join("").replace(ANSI, "")));
    pending.current = [];
    if (el.childNodes.length > 400) el.normalize();
    if (following.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, []);
  const onText = useCallback(
    (t: string) => {
      pending.current.push(t);
      if (!frame.current) frame.current = requestAnimationFrame(flush);
    },
    [flush],
  );
  const onReset = useCallback(() => {
    pending.current = [];
    if (pre.current) pre.current.textContent = "";
  }, []);
  const state = useBuildLog(buildId, onText, onReset);

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    following.current = atEnd;
    setFollow(atEnd);
  };

  return (
    <div className="dark overflow-hidden rounded-lg border border-slate-800 bg-slate-950 text-slate-100 scheme-dark shadow-sm">
      <div className="flex items-center justify-between gap-2 border-b border-slate-800 px-3 py-1.5 text-xs text-slate-400">
        <span data-testid="build-log-state">
          {state === "streaming"
            ? "● live"
            : state === "ended"
              ? "complete log"
              : state === "error"
                ? "log unavailable"
                : "connecting…"}
        </span>
        {!follow ? (
          <button
            type="button"
            className="rounded px-2 py-0.5 text-sky-300 hover:bg-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500/60"
            onClick={() => {
              following.current = true;
              setFollow(true);
              if (box.current) box.current.scrollTop = box.current.scrollHeight;
            }}
          >
            Follow ↓
          </button>
        ) : null}
      </div>
      <div
        ref={box}
        onScroll={onScroll}
        className="h-[28rem] overflow-auto"
        tabIndex={0}
        role="log"
        aria-label="Build log"
        aria-live="off"
      >
        <pre
          ref={pre}
          data-testid="build-log"
          className="px-3 py-2 font-mono text-xs leading-5 break-all whitespace-pre-wrap"
        />
        {truncatedNote ? (
          <p className="mx-3 mb-3 rounded bg-amber-900/40 px-2 py-1 text-xs text-amber-200" role="status">
            {truncatedNote}
          </p>
        ) : null}
      </div>
    </div>
  );
}
