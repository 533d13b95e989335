"use client";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { streamChange, type ProgressLine } from "@/lib/client/hooks/use-apps";
import type { PlanView, ServiceStateView } from "@/lib/validations/app";

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
  const [busy, setBusy] = useState<"plan" | "apply" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [lines, setLines] = useState<ProgressLine[]>([]);
  const changes = services.filter((s) => staged[s.name] !== undefined && staged[s.name] !== s.desired);
  const body = { services: Object.fromEntries(changes.map((s) => [s.name, staged[s.name]])) };
  const key = JSON.stringify(body);

  async function run(kind: "plan" | "apply", fn: () => Promise<void>) {
    setBusy(kind);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }
  return {
    staged,
    changes,
    busy,
    error,
    lines,
    plan: plan?.key === key ? plan.plan : null,
    stage: (service: string, n: number) => setStaged((s) => ({ ...s, [service]: Math.max(0, n) })),
    discard: () => {
      setStaged({});
      setPlan(null);
      setError(null);
    },
    preview: () =>
      run("plan", async () => {
        setPlan({ key, plan: await api<PlanView>(`/apps/${appId}/scale/plan`, { method: "POST", body }) });
      }),
    apply: () =>
      run("apply", async () => {
        setLines([]);
        await streamChange(`/apps/${appId}/scale`, body, (l) => setLines((prev) => [...prev, l]));
        setPlan(null);
        // Cleared once the page has the new counts, so the field never shows the old number in between.
        await onApplied();
        setStaged({});
      }),
  };
}

export type ScaleStage = ReturnType<typeof useScaleStage>;
