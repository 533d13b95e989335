"use client";
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
 * What a plan → deploy form keeps for PlanAndProgress, and how it runs a step. `step(kind, fn)` marks the step busy
 * and clears the last error and what the step replaces (the plan before planning, the lines before a deploy); `fn`
 * gets the deploy's line callback, and what it throws becomes the error. The step is free again when `fn` ends,
 * except when `stayBusy` (a deploy that leaves the page: its button stays busy until then).
 */
export function usePlanDeploy() {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState<"plan" | "deploy" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [lines, setLines] = useState<ProgressLine[]>([]);
  async function step(
    kind: "plan" | "deploy",
    fn: (onLine: (line: ProgressLine) => void) => Promise<void>,
    stayBusy = false,
  ) {
    setBusy(kind);
    setError(null);
    if (kind === "plan") setPlan(null);
    else setLines([]);
    try {
      await fn((line) => setLines((prev) => [...prev, line]));
      if (!stayBusy) setBusy(null);
    } catch (e) {
      setError(e);
      setBusy(null);
    }
  }
  return { plan, setPlan, busy, error, setError, lines, step };
}
