"use client";
import { useState } from "react";
import { AppLogs } from "@/components/ops/app-logs";
import { AppStats } from "@/components/ops/app-stats";
import { Card } from "@/components/ui/card";
import type { ServiceStateView } from "@/lib/validations/app";

/** The app's merged logs (service filter) and live stats, one at a time so only one set of streams is open. */
export function AppActivity({ appId, services }: { appId: string; services: ServiceStateView[] }) {
  const [view, setView] = useState<"logs" | "stats">("logs");
  const containers = services.flatMap((s) =>
    s.replicas.flatMap((r) => (r.id ? [{ id: r.id, name: r.name, service: s.name }] : [])),
  );
  const tab = (v: typeof view, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={view === v}
      onClick={() => setView(v)}
      className={`rounded-md px-2.5 py-1 text-xs font-medium focus:ring-2 focus:ring-sky-500 focus:outline-none ${view === v ? "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-300" : "text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"}`}
    >
      {label}
    </button>
  );
  return (
    <Card
      title="Activity"
      actions={
        <div role="tablist" aria-label="Activity" className="flex gap-1">
          {tab("logs", "Logs")}
          {tab("stats", "Stats")}
        </div>
      }
    >
      {view === "logs" ? (
        <AppLogs appId={appId} services={services.map((s) => s.name)} />
      ) : (
        <AppStats containers={containers} />
      )}
    </Card>
  );
}
