"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { streamChange, type ProgressLine } from "@/lib/client/hooks/use-apps";
import type { PlanView, ServiceStateView } from "@/lib/validations/app";

type Step = { kind: "plan" | "apply"; body: { services: Record<string, number | undefined> }; key: string };

/**
 * Staged scaling: desired replicas are set per service without deploying; a preview plans exactly the staged
 * change, and Apply (allowed only once that change was previewed) deploys it as one revision.
 */
export function useScaleStage(
  appId: string,
  services: ServiceStateView[],
  onApplied: () => Promise<unknown>,
) {
  const [staged, setStaged] = useState<Record<string, number>>({});
  const [plan, setPlan] = useState<{ key: string; plan: PlanView } | null>(null);
  const [lines, setLines] = useState<ProgressLine[]>([]);
  const changes = services.filter((s) => staged[s.name] !== undefined && staged[s.name] !== s.desired);
  const body = { services: Object.fromEntries(changes.map((s) => [s.name, staged[s.name]])) };
  const key = JSON.stringify(body);
  // One mutation for both steps: one busy step and one error, which the next step or Discard clears.
  const step = useMutation({
    mutationFn: async ({ kind, body, key }: Step) => {
      if (kind === "plan") {
        setPlan({ key, plan: await api<PlanView>(`/apps/${appId}/scale/plan`, { method: "POST", body }) });
        return;
      }
      setLines([]);
      await streamChange(`/apps/${appId}/scale`, body, (l) => setLines((prev) => [...prev, l]));
      setPlan(null);
      // Cleared once the page has the new counts, so the field never shows the old number in between.
      await onApplied();
      setStaged({});
    },
    meta: { silent: true },
  });
  return {
    staged,
    changes,
    busy: step.isPending ? step.variables.kind : null,
    error: step.error,
    lines,
    plan: plan?.key === key ? plan.plan : null,
    stage: (service: string, n: number) => setStaged((s) => ({ ...s, [service]: Math.max(0, n) })),
    discard: () => {
      setStaged({});
      setPlan(null);
      step.reset();
    },
    preview: () => step.mutate({ kind: "plan", body, key }),
    apply: () => step.mutate({ kind: "apply", body, key }),
  };
}

export type ScaleStage = ReturnType<typeof useScaleStage>;
