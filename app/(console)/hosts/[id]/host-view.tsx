"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ContainerTable } from "@/components/fleet/container-table";
import { HostAdminActions } from "@/components/fleet/host-admin-actions";
import { HostFigures } from "@/components/fleet/host-figures";
import { HostStatusBadge } from "@/components/fleet/host-status-badge";
import { PublishingCard } from "@/components/fleet/publishing-card";
import { useNameMaps } from "@/components/fleet/use-name-maps";
import { formatBytes, formatTime } from "@/components/format";
import { MetricHistory } from "@/components/ops/metric-history";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useHost } from "@/lib/client/hooks/use-hosts";
import { useTenantScope } from "@/lib/client/tenant-context";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

export function HostView({ id, isAdmin, staff }: { id: string; isAdmin: boolean; staff: boolean }) {
  // The counts, like the container table below, are the tenant context's.
  const { data: h } = useHost(id, useTenantScope());
  const names = useNameMaps();
  const router = useRouter();
  if (!h) return <SkeletonLines lines={8} label="Loading the host…" />;
  const e = h.engine;
  return (
    <>
      <PageHeader
        title={h.name}
        description={<span className="font-mono text-xs">{h.url}</span>}
        actions={
          <>
            <Link
              href={`/hosts/${h.id}/resources`}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Images, networks, volumes →
            </Link>
            {isAdmin ? <HostAdminActions host={h} onRemoved={() => router.push("/hosts")} /> : null}
          </>
        }
      />
      <div className="mb-6 grid gap-4 md:grid-cols-3">
        <Card title="Status">
          <dl className="divide-y divide-slate-100 dark:divide-slate-800">
            <Row label="State">
              <HostStatusBadge status={h.status} />
            </Row>
            <Row label="Since">{formatTime(h.status.since)}</Row>
            {h.status.error ? (
              <Row label="Last error">
                <span className="text-red-600 dark:text-red-400">{h.status.error}</span>
              </Row>
            ) : null}
            <Row label="Containers">
              {h.containers.running} running / {h.containers.total}
              {h.status.state !== "up" ? " (last known)" : ""}
            </Row>
          </dl>
        </Card>
        <Card title="Engine">
          <dl className="divide-y divide-slate-100 dark:divide-slate-800">
            <Row label="Version">
              {e.version} (API {e.apiVersion})
            </Row>
            <Row label="OS">{e.os}</Row>
            <Row label="Kernel / arch">
              {e.kernel} · {e.arch}
            </Row>
            <Row label="CPUs / memory">
              {e.cpus} · {formatBytes(e.memoryBytes)}
            </Row>
            <Row label="Swarm role">{e.swarmRole ?? "none"}</Row>
          </dl>
        </Card>
        <HostFigures hostId={h.id} />
        <Card title="Access">
          <dl className="divide-y divide-slate-100 dark:divide-slate-800">
            <Row label="Tenants">
              {h.tenantIds.length ? (
                h.tenantIds.map((t) => <Badge key={t}>{names.tenants.get(t) ?? t}</Badge>)
              ) : (
                <span className="text-slate-400">admin and ops only</span>
              )}
            </Row>
            <Row label="Labels">
              {Object.keys(h.labels).length
                ? Object.entries(h.labels).map(([k, v]) => <Badge key={k}>{v ? `${k}=${v}` : k}</Badge>)
                : "—"}
            </Row>
            <Row label="Added">{formatTime(h.createdAt)}</Row>
          </dl>
        </Card>
      </div>
      <div className="mb-6 max-w-xl">
        <PublishingCard hostId={h.id} isAdmin={isAdmin} />
      </div>
      {staff ? (
        <div className="mb-6">
          <MetricHistory
            subject={`/hosts/${encodeURIComponent(h.id)}`}
            what={`the containers on ${h.name}`}
          />
        </div>
      ) : null}
      <h2 className="mb-2 text-sm font-semibold">Containers on {h.name}</h2>
      <ContainerTable
        params={{ host: h.id }}
        names={names}
        height="28rem"
        emptyHint="This engine has no containers yet."
      />
    </>
  );
}
