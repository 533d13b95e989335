"use client";
import { formatAgo } from "@/components/format";
import { useLastDeploy } from "@/lib/client/hooks/use-apps";
import { ProgressLog } from "./progress-log";

/**
 * "Last deploy": the progress lines of the newest finished revision, kept on the server with it (scrubbed of
 * secrets), so anyone who may see the app can read what happened, in any tab, after any redirect.
 */
export function LastDeployPanel({ appId }: { appId: string }) {
  const q = useLastDeploy(appId);
  const last = q.data;
  if (!last) return null;
  const ok = last.outcome === "succeeded";
  return (
    <details
      className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700"
      data-testid="last-deploy"
    >
      <summary className="cursor-pointer font-medium">
        Last deploy: revision {last.revision}{" "}
        <span className={ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
          {ok ? "succeeded" : "failed"}
        </span>{" "}
        <span className="font-normal text-slate-600 dark:text-slate-400">
          <time dateTime={last.finishedAt}>{formatAgo(last.finishedAt)}</time> · {last.lines.length} lines
          {last.truncated ? " (the middle was cut)" : ""}
        </span>
      </summary>
      <div className="mt-2">
        <ProgressLog lines={last.lines} label="Last deploy progress" />
      </div>
    </details>
  );
}
