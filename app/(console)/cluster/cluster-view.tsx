"use client";
import Link from "next/link";
import { ClusterHostFigures } from "@/components/fleet/host-figures";
import { formatBytes } from "@/components/format";
import { formatPercent } from "@/components/ops/format";
import { MetricHistory } from "@/components/ops/metric-history";
import { RecentFailures } from "@/components/ops/recent-failures";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RowLink } from "@/components/ui/row-link";
import { SkeletonCards } from "@/components/ui/skeleton";
import { Table, Td } from "@/components/ui/table";
import { Ago } from "@/components/ui/time";
import { useClusterHealth } from "@/lib/client/hooks/use-cluster";

/** Said plainly: the engines report only their containers' use, not the host's own (kernel, other processes). */
const CONTAINERS_ONLY =
  "The sum of the containers' use as the engines report it, not the hosts' own CPU and memory (the kernel and other processes are not counted)";

function Meter({ value, label }: { value: number; label: string }) {
  const v = Math.max(0, Math.min(100, value));
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuenow={Math.round(v)}
      aria-valuemin={0}
      aria-valuemax={100}
      className="h-1.5 w-full rounded bg-slate-200 dark:bg-slate-800"
    >
      <div
        className={`h-1.5 rounded ${v > 85 ? "bg-red-500" : v > 60 ? "bg-amber-500" : "bg-emerald-500"}`}
        style={{ width: `${v}%` }}
      />
    </div>
  );
}

/** A total's card: how much of the fleet's CPU or memory the containers use, with its meter. */
function UseCard(p: { title: string; used: string; of: string; percent: number; label: string }) {
  return (
    <Card>
      <p className="text-xs tracking-wide text-slate-500 uppercase" title={CONTAINERS_ONLY}>
        {p.title}
      </p>
      <p className="mt-1 text-xl font-semibold">{p.used}</p>
      <p className="mb-1 text-xs text-slate-500">of {p.of}</p>
      <Meter value={p.percent} label={p.label} />
    </Card>
  );
}

/** Where to look first: hosts down, what eats CPU and memory, what restarts or is unhealthy, what failed lately. */
export function ClusterView() {
  const q = useClusterHealth();
  const h = q.data;
  return (
    <>
      <PageHeader
        title="Cluster health"
        description={
          h ? (
            <>
              Updated <Ago at={h.at} /> · refreshes every 10 s
            </>
          ) : (
            "Reading every host…"
          )
        }
      />
      {q.isError ? <p className="mb-4 text-sm text-red-600">{q.error.message}</p> : null}
      {h ? (
        <div className="space-y-6">
          <section aria-label="Totals" className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <Card>
              <p className="text-xs tracking-wide text-slate-500 uppercase">Hosts</p>
              <p className="mt-1 text-xl font-semibold">
                {h.totals.hostsUp} up
                {h.totals.hostsDown ? (
                  <span className="text-red-600"> · {h.totals.hostsDown} down</span>
                ) : null}
              </p>
            </Card>
            <UseCard
              title="CPU (containers)"
              used={formatPercent(h.totals.cpuPercent)}
              of={`${h.totals.cpus} cores`}
              percent={h.totals.cpuPercent}
              label="Cluster CPU use"
            />
            <UseCard
              title="Memory (containers)"
              used={formatBytes(h.totals.memoryUsedBytes)}
              of={formatBytes(h.totals.memTotalBytes)}
              percent={h.totals.memoryPercent}
              label="Cluster memory use"
            />
            <Card>
              <p className="text-xs tracking-wide text-slate-500 uppercase">Running containers</p>
              <p className="mt-1 text-xl font-semibold">{h.totals.containersRunning}</p>
              <p
                className="text-xs text-slate-500"
                title="Engine log and stats streams open now, each shared by every viewer of its container"
              >
                {h.streams.logs.length} log · {h.streams.stats.length} stats streams watched
              </p>
            </Card>
          </section>
          <Card title="Hosts">
            <Table
              label="Hosts"
              head={[
                "Host",
                "State",
                "CPU (containers)",
                "Memory (containers)",
                { label: "Running", className: "text-right" },
                { label: "" }, // the Resources link's, unnamed
              ]}
            >
              <tbody>
                {h.hosts.map((x) => (
                  <tr key={x.id}>
                    <Td>
                      <RowLink href={`/hosts/${x.id}`}>{x.name}</RowLink>
                      {x.up ? (
                        <span className="block text-xs text-slate-500">
                          engine {x.version} · {x.ncpu} cores · {formatBytes(x.memTotalBytes)}
                        </span>
                      ) : null}
                    </Td>
                    <Td>
                      {x.up ? (
                        <Badge tone="green">up</Badge>
                      ) : (
                        <>
                          <Badge tone="red">down</Badge>
                          <span className="block max-w-xs truncate text-xs text-slate-500" title={x.error}>
                            {x.error}
                          </span>
                        </>
                      )}
                    </Td>
                    <Td className="w-48">
                      {x.up ? (
                        <>
                          <span className="text-xs tabular-nums">{formatPercent(x.cpuPercent)}</span>
                          <Meter value={x.cpuPercent} label={`CPU use on ${x.name}`} />
                        </>
                      ) : (
                        "—"
                      )}
                    </Td>
                    <Td className="w-48">
                      {x.up ? (
                        <>
                          <span className="text-xs tabular-nums">
                            {formatBytes(x.memoryUsedBytes)} ({formatPercent(x.memoryPercent)})
                          </span>
                          <Meter value={x.memoryPercent} label={`Memory use on ${x.name}`} />
                        </>
                      ) : (
                        "—"
                      )}
                    </Td>
                    <Td className="text-right tabular-nums">
                      {x.up ? `${x.running} / ${x.containers}` : "—"}
                    </Td>
                    <Td className="text-right">
                      <Link
                        href={`/hosts/${x.id}/resources`}
                        className="text-xs text-sky-700 hover:underline dark:text-sky-400"
                      >
                        Resources
                      </Link>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </Card>
          {/* One shrinkable column on phones: a long container name is truncated, not widening the page. */}
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <TopList
              title="Most CPU"
              rows={h.topCpu.map((u) => ({ ...u, value: formatPercent(u.cpuPercent) }))}
            />
            <TopList
              title="Most memory"
              rows={h.topMemory.map((u) => ({
                ...u,
                value: `${formatBytes(u.memoryBytes)}${u.memoryLimitBytes ? ` / ${formatBytes(u.memoryLimitBytes)}` : ""}`,
              }))}
            />
          </div>
          <Card title={`Restarting or unhealthy (${h.troubled.length})`}>
            {h.troubled.length ? (
              <ul className="space-y-1 text-sm">
                {h.troubled.map((t) => (
                  <li key={t.id} className="flex flex-wrap items-center gap-2">
                    <Badge tone={t.reason === "unhealthy" ? "amber" : "red"}>{t.reason}</Badge>
                    <RowLink href={`/containers/${t.id}?tab=logs`} className="break-all">
                      {t.name}
                    </RowLink>
                    <span className="text-xs text-slate-500">
                      on {t.hostName} · {t.status}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">Every container is healthy and none is restarting.</p>
            )}
          </Card>
          <RecentFailures />
          {/* Last: both load after the page (charts, exporters), so nothing above them moves when they arrive. */}
          <MetricHistory subject="/cluster" what="every container of the fleet" />
          <ClusterHostFigures />
        </div>
      ) : q.isLoading ? (
        <div className="space-y-6">
          <SkeletonCards
            count={4}
            className="grid grid-cols-2 gap-3 md:grid-cols-4"
            height="h-24"
            label="Reading every host…"
          />
          <SkeletonCards count={1} className="grid" height="h-40" />
          <RecentFailures />
        </div>
      ) : (
        <EmptyState title="No hosts yet">Add a host under Hosts to see its health here.</EmptyState>
      )}
    </>
  );
}

function TopList({
  title,
  rows,
}: {
  title: string;
  rows: { id: string; name: string; hostName: string; value: string }[];
}) {
  return (
    <Card title={title}>
      {rows.length ? (
        <ol className="space-y-1 text-sm">
          {rows.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-2">
              <span className="min-w-0 truncate">
                <Link
                  href={`/containers/${r.id}?tab=stats`}
                  className="text-sky-700 hover:underline dark:text-sky-400"
                >
                  {r.name}
                </Link>{" "}
                <span className="text-xs text-slate-500">on {r.hostName}</span>
              </span>
              <span className="shrink-0 tabular-nums">{r.value}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-500">No running containers.</p>
      )}
    </Card>
  );
}
