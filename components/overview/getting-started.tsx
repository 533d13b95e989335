import Link from "next/link";
import { Card } from "@/components/ui/card";

export type Step = { done: boolean; label: string; href: string; hint: string };

/** A short checklist of what to do next, derived from what exists; hidden once everything is done. */
export function GettingStarted({ steps }: { steps: Step[] }) {
  if (steps.every((s) => s.done)) return null;
  return (
    <Card title="Getting started" className="mb-6">
      <ol className="space-y-2">
        {steps.map((s, i) => (
          <li key={s.label} className="flex items-start gap-3">
            <span
              aria-hidden
              className={`mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${s.done ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-300" : "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}
            >
              {s.done ? "✓" : i + 1}
            </span>
            <span>
              <Link
                href={s.href}
                className={`font-medium hover:underline ${s.done ? "text-slate-500 line-through" : "text-sky-700 dark:text-sky-400"}`}
              >
                {s.label}
              </Link>
              <span className="sr-only">{s.done ? " (done)" : ""}</span>
              <span className="block text-xs text-slate-500">{s.hint}</span>
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
