"use client";
import { useEffect, useState } from "react";
import { loadLastDeploy, type LastDeploy } from "@/lib/client/last-deploy";
import { ProgressLog } from "./progress-log";

/** "Last deploy": the progress lines shown while it ran, still readable after the redirect to the app page. */
export function LastDeployPanel({ appId, refreshKey }: { appId: string; refreshKey?: unknown }) {
  const [last, setLast] = useState<LastDeploy | null>(null);
  // sessionStorage exists only in the browser: read after mount (and again after each deploy here).
  useEffect(() => setLast(loadLastDeploy(appId)), [appId, refreshKey]);
  if (!last) return null;
  return (
    <details
      className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700"
      data-testid="last-deploy"
    >
      <summary className="cursor-pointer font-medium">
        Last deploy{" "}
        <span
          className={last.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}
        >
          {last.ok ? "succeeded" : "failed"}
        </span>{" "}
        <span className="font-normal text-slate-600 dark:text-slate-400">
          at {new Date(last.finishedAt).toLocaleTimeString()} · {last.lines.length} lines
        </span>
      </summary>
      <div className="mt-2">
        <ProgressLog lines={last.lines} label="Last deploy progress" />
      </div>
    </details>
  );
}
