"use client";
import { controlClass } from "@/components/ui/field";
import { replicaName } from "@/lib/client/replica-name";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import { LogViewer } from "./log-viewer";

const keys = ["service"] as const;

/** Merged logs of an app's containers, each line naming its container, filtered to one service when picked. */
export function AppLogs({ appId, services }: { appId: string; services: string[] }) {
  const { filters, setFilter } = useUrlFilters(keys);
  const service = services.includes(filters.service) ? filters.service : "";
  return (
    <LogViewer
      basePath={`/apps/${encodeURIComponent(appId)}/logs`}
      downloadable={false}
      query={{ service: service || undefined }}
      containerLabel={(c) => replicaName(c, services)}
    >
      <label className="text-xs text-slate-600 dark:text-slate-400">
        Service
        <select
          aria-label="Logs of service"
          className={`${controlClass} mt-1 w-auto py-1.5`}
          value={service}
          onChange={(e) => setFilter("service", e.target.value)}
        >
          <option value="">all services</option>
          {services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </LogViewer>
  );
}
