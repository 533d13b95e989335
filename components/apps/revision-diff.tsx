"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import type { RevisionDiffView } from "@/lib/validations/app";

type Line = RevisionDiffView["lines"][number];
const CONTEXT = 3;
const sign = { same: " ", add: "+", remove: "-" } as const;
const lineClass = {
  same: "text-slate-600 dark:text-slate-400",
  add: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200",
  remove: "bg-red-50 text-red-900 dark:bg-red-950/60 dark:text-red-200",
} as const;
const changeTone = { added: "green", removed: "red", changed: "amber", unchanged: "gray" } as const;

/** Runs of changed lines with CONTEXT lines around them; the unchanged stretches between are folded. */
function hunks(lines: Line[]): ({ fold: number } | { line: Line; n: number })[] {
  const near = lines.map((_, i) =>
    lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.op !== "same"),
  );
  const out: ({ fold: number } | { line: Line; n: number })[] = [];
  lines.forEach((line, n) => {
    if (near[n]) return void out.push({ line, n });
    const last = out.at(-1);
    if (last && "fold" in last) last.fold++;
    else out.push({ fold: 1 });
  });
  return out;
}

/** What going from the current revision to this one changes: services first, then the compose file line by line. */
export function RevisionDiff({ diff }: { diff: RevisionDiffView }) {
  const [all, setAll] = useState(false);
  if (diff.identical)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Same effective compose file as the current revision{diff.current ? ` (#${diff.current})` : ""}.
      </p>
    );
  const changed = diff.services.filter((s) => s.change !== "unchanged");
  const shown = all ? diff.lines.map((line, n) => ({ line, n })) : hunks(diff.lines);
  return (
    <div className="space-y-3">
      <ul aria-label="Service changes" className="flex flex-wrap gap-2 text-xs">
        {changed.map((s) => (
          <li key={s.service} className="flex items-center gap-1">
            <span className="font-mono">{s.service}</span>
            <Badge tone={changeTone[s.change]}>{s.change}</Badge>
            {s.fields.length ? <span className="text-slate-500">{s.fields.join(", ")}</span> : null}
          </li>
        ))}
      </ul>
      <div className="flex items-center justify-between text-xs text-slate-500">
        <span>
          <span className="text-red-700 dark:text-red-300">−</span> current
          {diff.current ? ` (#${diff.current})` : ""} ·{" "}
          <span className="text-emerald-700 dark:text-emerald-300">+</span> revision #{diff.revision}
        </span>
        <button
          type="button"
          className="text-sky-700 hover:underline dark:text-sky-400"
          onClick={() => setAll((v) => !v)}
        >
          {all ? "Only changes" : "Whole file"}
        </button>
      </div>
      <pre
        aria-label="Compose diff"
        className="max-h-[50vh] overflow-auto rounded border border-slate-200 bg-white py-1 font-mono text-xs dark:border-slate-800 dark:bg-slate-950"
      >
        {shown.map((h, i) =>
          "fold" in h ? (
            <div key={`f${i}`} className="px-3 text-slate-400 italic">
              ⋯ {h.fold} unchanged line{h.fold === 1 ? "" : "s"}
            </div>
          ) : (
            <div
              key={h.n}
              data-testid="diff-line"
              data-op={h.line.op}
              className={`px-3 ${lineClass[h.line.op]}`}
            >
              <span aria-hidden className="mr-2 select-none">
                {sign[h.line.op]}
              </span>
              {h.line.text}
            </div>
          ),
        )}
      </pre>
    </div>
  );
}
