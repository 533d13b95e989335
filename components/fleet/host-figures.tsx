"use client";
import Link from "next/link";
import { formatBytes } from "@/components/format";
import { formatPercent } from "@/components/ops/format";
import { Card } from "@/components/ui/card";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useHostFigures, useHosts } from "@/lib/client/hooks/use-hosts";
import type { HostFigures as Figures } from "@/lib/validations/host";

/** Said plainly wherever a host has no node exporter. */
export const CONTAINERS_SUM_ONLY =
  "No node exporter is set for this host: the CPU and memory Wharf shows are only the sum of its containers' use (the kernel and other processes are not counted). An admin can give one when editing the host.";

const rate = (n: number | null) => (n === null ? "—" : `${formatBytes(n)}/s`);
const pct = (used: number, total: number) => (total > 0 ? (used / total) * 100 : null);

/** The figures as definition rows (the host page's card, the cluster page's rows). */
export function FigureRows({ f }: { f: Figures }) {
  const rows: [string, string][] = [
    ["CPU", `${formatPercent(f.cpuPercent)} of ${f.cpus} cores`],
    [
      "Memory",
      `${formatBytes(f.memoryUsedBytes)} of ${formatBytes(f.memoryTotalBytes)} (${formatPercent(pct(f.memoryUsedBytes, f.memoryTotalBytes))})`,
    ],
    ["Load (1, 5, 15 min)", `${f.load1.toFixed(2)} · ${f.load5.toFixed(2)} · ${f.load15.toFixed(2)}`],
    [
      "Disk (/)",
      `${formatBytes(f.diskUsedBytes)} of ${formatBytes(f.diskTotalBytes)} (${formatPercent(pct(f.diskUsedBytes, f.diskTotalBytes))})`,
    ],
    ["Network in / out", `${rate(f.networkRxBytesPerSecond)} · ${rate(f.networkTxBytesPerSecond)}`],
  ];
  return (
    <dl className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
      {rows.map(([k, v]) => (
        <div key={k} className="flex flex-wrap justify-between gap-x-4 py-1.5">
          <dt className="text-slate-500">{k}</dt>
          <dd className="tabular-nums">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The host page's card: its real figures from its node exporter, or why there are none. */
export function HostFigures({ hostId }: { hostId: string }) {
  const q = useHostFigures(hostId);
  const v = q.data;
  return (
    <Card title="Host figures (node exporter)">
      {q.isError ? <p className="text-sm text-red-600">{q.error.message}</p> : null}
      {!v ? (
        q.isPending ? (
          <SkeletonLines lines={3} label="Reading the node exporter…" />
        ) : null
      ) : !v.exporter ? (
        <p className="text-sm text-slate-500">{CONTAINERS_SUM_ONLY}</p>
      ) : v.error ? (
        <p className="text-sm text-red-600">The node exporter could not be read: {v.error}</p>
      ) : v.figures ? (
        <FigureRows f={v.figures} />
      ) : null}
    </Card>
  );
}

/** Exporters read on the cluster page at most (each is one request every 10 s); the rest are on their host pages. */
const CLUSTER_MAX = 20;

/** The cluster page's card: the real figures of the hosts that have a node exporter, and says which have none. */
export function ClusterHostFigures() {
  const hosts = useHosts();
  const withExporter = (hosts.data ?? []).filter((h) => h.nodeExporterUrl);
  const without = (hosts.data?.length ?? 0) - withExporter.length;
  return (
    <Card title="Host figures (node exporters)">
      {hosts.isPending ? <SkeletonLines lines={2} label="Reading the hosts…" /> : null}
      {hosts.data && without ? (
        <p className="mb-2 text-sm text-slate-500">
          {withExporter.length ? `${without} host(s) have` : "No host has"} no node exporter: for{" "}
          {withExporter.length ? "those" : "them"}, the CPU and memory above are only the sum of the
          containers&apos; use. An admin can give a host&apos;s node exporter URL when editing it.
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {withExporter.slice(0, CLUSTER_MAX).map((h) => (
          <section key={h.id} aria-label={`Figures of ${h.name}`}>
            <h3 className="text-sm font-medium">
              <Link href={`/hosts/${h.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
                {h.name}
              </Link>
            </h3>
            <ExporterFigures hostId={h.id} />
          </section>
        ))}
      </div>
    </Card>
  );
}

function ExporterFigures({ hostId }: { hostId: string }) {
  const q = useHostFigures(hostId);
  if (q.isError) return <p className="text-sm text-red-600">{q.error.message}</p>;
  if (!q.data) return <SkeletonLines lines={3} label="Reading the node exporter…" />;
  if (q.data.error) return <p className="text-sm text-red-600">Not readable: {q.data.error}</p>;
  return q.data.figures ? <FigureRows f={q.data.figures} /> : null;
}
