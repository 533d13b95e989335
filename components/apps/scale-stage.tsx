"use client";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { PlanView } from "./plan-view";
import { ProgressLog } from "./progress-log";
import type { ScaleStage } from "./use-scale-stage";

/** In the Services card's header, above the rows (rows growing below never move it): what is staged, and its steps. */
export function ScaleActions({ stage }: { stage: ScaleStage }) {
  // Always as tall as its buttons, so the header (and the rows under it) stays put when a change is staged.
  if (stage.changes.length === 0) return <div className="min-h-8" />;
  return (
    <div className="flex min-h-8 flex-wrap items-center justify-end gap-2">
      <span data-testid="staged" className="text-xs text-slate-600 dark:text-slate-400">
        {stage.changes.map((s) => `${s.name} ${s.desired} → ${stage.staged[s.name]}`).join(", ")}
      </span>
      <Button size="sm" variant="ghost" disabled={stage.busy !== null} onClick={stage.discard}>
        Discard
      </Button>
      <Button
        size="sm"
        variant="secondary"
        busy={stage.busy === "plan"}
        disabled={stage.busy !== null}
        onClick={stage.preview}
      >
        Preview
      </Button>
      <Button
        size="sm"
        busy={stage.busy === "apply"}
        disabled={stage.busy !== null || !stage.plan}
        onClick={stage.apply}
        title={stage.plan ? undefined : "Preview the plan first"}
      >
        Apply
      </Button>
    </div>
  );
}

/** Below the table: the staged change's plan, then its progress and any error. */
export function ScaleResult({ stage }: { stage: ScaleStage }) {
  return (
    <div className="space-y-3 empty:hidden">
      <FormError error={stage.error} />
      {stage.plan && stage.changes.length ? <PlanView plan={stage.plan} /> : null}
      <ProgressLog lines={stage.lines} />
    </div>
  );
}

/** −, the desired count, + : staged, never deployed by a click (the table shows what runs beside it). */
export function DesiredReplicas({
  service,
  desired,
  staged,
  disabled,
  onStage,
}: {
  service: string;
  desired: number;
  staged: number | undefined;
  disabled: boolean;
  onStage: (n: number) => void;
}) {
  const value = staged ?? desired;
  const changed = value !== desired;
  return (
    <div className="inline-flex items-center gap-1 whitespace-nowrap">
      <Button
        type="button"
        size="sm"
        variant="secondary"
        aria-label={`Fewer replicas of ${service}`}
        disabled={disabled || value === 0}
        onClick={() => onStage(value - 1)}
      >
        −
      </Button>
      <input
        type="number"
        min={0}
        max={100}
        aria-label={`Desired replicas of ${service}`}
        value={value}
        disabled={disabled}
        onChange={(e) => onStage(Number(e.target.value))}
        className={`h-8 w-14 rounded-md border bg-white px-2 text-sm tabular-nums focus:ring-2 focus:ring-sky-500/40 focus:outline-none dark:bg-slate-900 ${changed ? "border-amber-500 ring-1 ring-amber-400" : "border-slate-300 dark:border-slate-700"}`}
      />
      <Button
        type="button"
        size="sm"
        variant="secondary"
        aria-label={`More replicas of ${service}`}
        disabled={disabled}
        onClick={() => onStage(value + 1)}
      >
        +
      </Button>
    </div>
  );
}
