"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ContainerOverview } from "@/components/ops/container-overview";
import { LogViewer } from "@/components/ops/log-viewer";
import { MetricHistory } from "@/components/ops/metric-history";
import { StatsPanel } from "@/components/ops/stats-panel";
import { ContainerTerminal } from "@/components/ops/terminal";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { Tab, TabList } from "@/components/ui/tabs";
import { useContainer, useContainerMutations, type ContainerAction } from "@/lib/client/hooks/use-container";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import type { ContainerDetailView } from "@/lib/validations/ops-views";

const tabs = ["overview", "logs", "console", "stats", "inspect"] as const;
const tabKeys = ["tab"] as const;
const stateTone: Record<string, BadgeTone> = {
  running: "green",
  restarting: "amber",
  paused: "amber",
  exited: "gray",
  dead: "red",
  created: "blue",
};
/** The actions that ask first (after Start, which does not), for a running and a stopped container. */
const confirmedWhenRunning: ContainerAction[] = ["stop", "restart", "kill"];
const confirmedWhenStopped: ContainerAction[] = ["restart"];
const titled = (action: ContainerAction) => action[0].toUpperCase() + action.slice(1);
type Pending = { kind: "action"; action: ContainerAction } | { kind: "remove" } | null;

export function ContainerView({ initial }: { initial: ContainerDetailView }) {
  const router = useRouter();
  const { filters, setFilter } = useUrlFilters(tabKeys);
  const tab = tabs.find((t) => t === filters.tab) ?? "overview";
  const { data: c = initial } = useContainer(initial.id, initial);
  const m = useContainerMutations(initial.id);
  const [pending, setPending] = useState<Pending>(null);
  const health = c.state.health?.status;

  const run = (action: ContainerAction) => m.act.mutate(action, { onSettled: () => setPending(null) });
  return (
    <>
      <PageHeader
        title={c.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={stateTone[c.state.status] ?? "gray"}>{c.state.status}</Badge>
            {health ? (
              <Badge tone={health === "healthy" ? "green" : health === "unhealthy" ? "red" : "amber"}>
                {health}
              </Badge>
            ) : null}
            <span className="font-mono text-xs">{c.image}</span>
            {c.restartCount ? <span className="text-xs">restarted {c.restartCount}×</span> : null}
          </span>
        }
        actions={
          c.can.operate ? (
            <>
              {c.state.running ? null : (
                <Button
                  size="sm"
                  busy={m.act.isPending && m.act.variables === "start"}
                  onClick={() => run("start")}
                >
                  Start
                </Button>
              )}
              {(c.state.running ? confirmedWhenRunning : confirmedWhenStopped).map((action) => (
                <Button
                  key={action}
                  size="sm"
                  variant="secondary"
                  onClick={() => setPending({ kind: "action", action })}
                >
                  {titled(action)}
                </Button>
              ))}
              <Button size="sm" variant="danger" onClick={() => setPending({ kind: "remove" })}>
                Remove
              </Button>
            </>
          ) : (
            <span className="text-xs text-slate-500">Read only: your role can view logs and stats</span>
          )
        }
      />
      <TabList label="Container views">
        {tabs.map((t) =>
          t === "console" && !c.can.exec ? null : (
            <Tab key={t} selected={tab === t} onSelect={() => setFilter("tab", t === "overview" ? "" : t)}>
              {t}
            </Tab>
          ),
        )}
      </TabList>
      <div role="tabpanel" aria-label={tab}>
        {tab === "overview" ? <ContainerOverview c={c} /> : null}
        {tab === "logs" ? <LogViewer basePath={`/containers/${encodeURIComponent(c.id)}/logs`} /> : null}
        {tab === "console" && c.can.exec ? (
          c.state.running ? (
            <ContainerTerminal containerId={c.id} />
          ) : (
            <p className="text-sm text-slate-500">Start the container to open a console in it.</p>
          )
        ) : null}
        {tab === "stats" ? (
          <div className="space-y-6">
            <StatsPanel containerId={c.id} running={c.state.running} />
            <MetricHistory subject={`/containers/${encodeURIComponent(c.id)}`} what="this container" />
          </div>
        ) : null}
        {tab === "inspect" ? (
          <pre
            className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white p-4 font-mono text-xs dark:border-slate-800 dark:bg-slate-900"
            aria-label="Raw inspect JSON"
          >
            {JSON.stringify(c.raw, null, 2)}
          </pre>
        ) : null}
      </div>
      <ConfirmDialog
        open={pending?.kind === "action"}
        title={pending?.kind === "action" ? `${titled(pending.action)} ${c.name}?` : ""}
        confirmLabel={pending?.kind === "action" ? titled(pending.action) : ""}
        busy={m.act.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() => pending?.kind === "action" && run(pending.action)}
      >
        {pending?.kind === "action" && pending.action === "kill"
          ? "The process gets SIGKILL at once: unsaved work in it is lost."
          : "The process gets SIGTERM and 10 seconds to exit before SIGKILL. Open consoles and followers are cut."}
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === "remove"}
        title={`Remove ${c.name}?`}
        confirmLabel="Remove container"
        busy={m.remove.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() =>
          m.remove.mutate(c.state.running, {
            onSuccess: () => router.push("/containers"),
            onSettled: () => setPending(null),
          })
        }
      >
        <p>
          The container and its writable layer are deleted; named volumes are kept. This cannot be undone.
        </p>
        {c.state.running ? <p className="mt-2 font-medium">It is running: it will be killed first.</p> : null}
      </ConfirmDialog>
    </>
  );
}
