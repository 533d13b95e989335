"use client";
import { useState } from "react";
import { MetricHistory } from "@/components/ops/metric-history";

/**
 * The app page's history: the whole app, or one of its services (a Swarm service's tasks on every node, or a
 * compose service's replicas), from the same metrics history (GET /apps/{id}/services/{service}/metrics).
 */
export function AppHistory({ appId, services }: { appId: string; services: string[] }) {
  const [service, setService] = useState("");
  const app = `/apps/${encodeURIComponent(appId)}`;
  const picked = services.includes(service) ? service : "";
  return (
    <MetricHistory
      key={picked}
      subject={picked ? `${app}/services/${encodeURIComponent(picked)}` : app}
      what={picked ? `the service ${picked}` : "the app's containers"}
      picker={
        services.length > 1 ? (
          <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
            <span>Of</span>
            <select
              aria-label="History of"
              value={picked}
              onChange={(e) => setService(e.target.value)}
              className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
            >
              <option value="">the whole app</option>
              {services.map((s) => (
                <option key={s} value={s}>
                  service {s}
                </option>
              ))}
            </select>
          </label>
        ) : null
      }
    />
  );
}
