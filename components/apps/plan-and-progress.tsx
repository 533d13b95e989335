"use client";
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
