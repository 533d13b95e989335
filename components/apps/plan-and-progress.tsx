"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import type { ProgressLine } from "@/lib/client/hooks/use-apps";
import type { PlanView as Plan } from "@/lib/validations/app";
import { PlanView } from "./plan-view";
import { ProgressLog } from "./progress-log";

/** Below a deploy form: the plan once made, then the deploy's live progress once it starts. */
export function PlanAndProgress({ plan, lines }: { plan: Plan | null; lines: ProgressLine[] }) {
  return (
    <>
      {plan ? (
        <Card title="Plan">
          <PlanView plan={plan} />
        </Card>
      ) : null}
      {lines.length > 0 ? (
        <Card title="Progress">
          <ProgressLog lines={lines} />
        </Card>
      ) : null}
    </>
  );
}

/**
 * What a plan → deploy form keeps for PlanAndProgress, and how it runs a step. `step(kind, fn)` is one TanStack Query
 * mutation: it marks the step busy and clears the last error and what the step replaces (the plan before planning,
 * the lines before a deploy); `fn` gets the deploy's line callback, and what it throws becomes the error. The step
 * is free again when `fn` ends, except when `stayBusy` (a deploy that leaves the page: its button stays busy until
 * then). `clearError()` forgets a refusal once the person changes what it was about.
 */
type Step = {
  kind: "plan" | "deploy";
  fn: (onLine: (line: ProgressLine) => void) => Promise<void>;
  stayBusy: boolean;
};
export function usePlanDeploy() {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [lines, setLines] = useState<ProgressLine[]>([]);
  const run = useMutation({
    mutationFn: async ({ kind, fn }: Step) => {
      if (kind === "plan") setPlan(null);
      else setLines([]);
      await fn((line) => setLines((prev) => [...prev, line]));
    },
    // Shown inline (FormError and the fields), not as a toast too.
    meta: { silent: true },
  });
  const busy = run.isPending || (run.isSuccess && run.variables.stayBusy) ? run.variables.kind : null;
  const step = (kind: Step["kind"], fn: Step["fn"], stayBusy = false) =>
    run.mutateAsync({ kind, fn, stayBusy }).catch(() => undefined); // the error is run.error
  return { plan, setPlan, busy, error: run.error, clearError: () => run.isError && run.reset(), lines, step };
}
