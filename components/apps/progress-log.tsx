"use client";
import { useEffect, useRef } from "react";
import type { ProgressLine } from "@/lib/client/hooks/use-apps";

const phaseColor: Record<string, string> = {
  pulling: "text-sky-600 dark:text-sky-400",
  creating: "text-slate-600 dark:text-slate-300",
  starting: "text-amber-600 dark:text-amber-400",
  healthy: "text-emerald-600 dark:text-emerald-400",
  rollback: "text-red-600 dark:text-red-400",
  done: "text-emerald-700 dark:text-emerald-300",
};

/** Live deploy progress (pulling, creating, starting, healthy), newest at the bottom. */
export function ProgressLog({ lines, label = "Deploy progress" }: { lines: ProgressLine[]; label?: string }) {
  const list = useRef<HTMLOListElement>(null);
  // Scrolls the list, never the page: what the pointer is over stays where it is.
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [lines.length]);
  if (lines.length === 0) return null;
  return (
    <ol
      ref={list}
      aria-label={label}
      aria-live="polite"
      data-testid="progress"
      className="dark max-h-64 overflow-auto rounded-md bg-slate-950 px-3 py-2 font-mono text-xs text-slate-200 scheme-dark"
    >
      {lines.map((l, i) => (
        <li key={i}>
          <span className="text-slate-500">{new Date(l.at).toLocaleTimeString()}</span>{" "}
          <span className={`whitespace-pre ${phaseColor[l.phase] ?? "text-slate-300"}`}>
            {l.phase.padEnd(8)}
          </span>{" "}
          {l.service ? <span className="text-slate-400">[{l.service}] </span> : null}
          {l.message}
        </li>
      ))}
    </ol>
  );
}
