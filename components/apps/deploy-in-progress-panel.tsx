"use client";
import { useDeployInProgress } from "@/lib/client/hooks/use-apps";
import { ProgressLog } from "./progress-log";

/**
 * A deploy started elsewhere (another tab, person or instance), live: polled each second while the app says
 * "deploying". The tab that started it shows its own stream instead.
 */
export function DeployInProgressPanel({ appId, deploying }: { appId: string; deploying: boolean }) {
  const q = useDeployInProgress(appId, deploying);
  const d = q.data;
  if (!deploying || !d) return null;
  return (
    <section
      aria-label="Deploy in progress"
      className="rounded-md border border-amber-300 p-3 text-sm dark:border-amber-700"
      data-testid="deploy-in-progress"
    >
      <p className="mb-2 font-medium">
        Deploying revision {d.revision}{" "}
        <span className="font-normal text-slate-600 dark:text-slate-400">
          · {d.lines.length} lines so far{d.truncated ? " (the middle was cut)" : ""}
        </span>
      </p>
      <ProgressLog lines={d.lines} label="Deploy in progress" />
    </section>
  );
}
