"use client";
import Link from "next/link";
import { useState } from "react";
import { HostAdminActions } from "@/components/fleet/host-admin-actions";
import { HostForm } from "@/components/fleet/host-form";
import { HostStatusBadge } from "@/components/fleet/host-status-badge";
import { formatBytes } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RowLink } from "@/components/ui/row-link";
import { SkeletonRows } from "@/components/ui/skeleton";
import { actionsColumn, Table, Td } from "@/components/ui/table";
import { useHostMutations, useHosts } from "@/lib/client/hooks/use-hosts";
import { useTenantScope } from "@/lib/client/tenant-context";

export function HostsView({ isAdmin }: { isAdmin: boolean }) {
  const hosts = useHosts(useTenantScope());
  const { create } = useHostMutations();
  const [adding, setAdding] = useState(false);
  const addButton = isAdmin ? (
    <Button
      onClick={() => {
        create.reset();
        setAdding(true);
      }}
    >
      Add host
    </Button>
  ) : null;
  return (
    <>
      <PageHeader
        title="Hosts"
        description="Docker engines Wharf follows. Status and counts are live."
        actions={addButton}
      />
      {hosts.data?.length === 0 ? (
        <EmptyState title="No hosts yet" action={addButton}>
          {isAdmin
            ? "Add a Docker engine by its unix socket or by tcp:// with TLS certificates."
            : "No host is granted to your tenants yet; ask an administrator."}
        </EmptyState>
      ) : (
        <Table
          label="Hosts"
          head={[
            "Name",
            "Status",
            "Engine",
            "CPUs",
            "Memory",
            "Containers",
            "Swarm",
            "Labels",
            isAdmin && actionsColumn,
          ]}
        >
          <tbody>
            {hosts.isPending ? <SkeletonRows columns={isAdmin ? 9 : 8} label="Loading hosts…" /> : null}
            {hosts.data?.map((h) => (
              <tr key={h.id} data-testid={`host-row-${h.name}`}>
                <Td>
                  <RowLink
                    href={`/hosts/${h.id}`}
                    className="focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
                  >
                    {h.name}
                  </RowLink>
                  <div className="font-mono text-[11px] text-slate-500">{h.url}</div>
                </Td>
                <Td className="whitespace-nowrap">
                  <HostStatusBadge status={h.status} />
                  {h.status.error && h.status.state !== "up" ? (
                    <div
                      className="mt-1 max-w-56 truncate text-[11px] text-red-600 dark:text-red-400"
                      title={h.status.error}
                    >
                      {h.status.error}
                    </div>
                  ) : null}
                </Td>
                <Td className="text-xs whitespace-nowrap">
                  <span title={h.engine.os}>{h.engine.version ?? "—"}</span>
                  <div className="text-slate-500">API {h.engine.apiVersion ?? "—"}</div>
                </Td>
                <Td className="tabular-nums">{h.engine.cpus ?? "—"}</Td>
                <Td className="tabular-nums">{formatBytes(h.engine.memoryBytes)}</Td>
                <Td
                  className={`tabular-nums ${h.status.state !== "up" ? "text-slate-400" : ""}`}
                  data-testid="host-containers"
                >
                  <Link href={`/containers?host=${h.id}`} className="hover:underline">
                    {h.containers.running} / {h.containers.total}
                  </Link>
                  {h.status.state !== "up" ? <span className="ml-1 text-[11px]">(last known)</span> : null}
                </Td>
                <Td>
                  {h.engine.swarmRole && h.engine.swarmRole !== "none" ? (
                    <Badge tone="blue">{h.engine.swarmRole}</Badge>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </Td>
                <Td className="text-xs">
                  <div className="flex max-w-48 flex-wrap gap-1">
                    {Object.entries(h.labels).map(([k, v]) => (
                      <Badge key={k}>{v ? `${k}=${v}` : k}</Badge>
                    ))}
                  </div>
                </Td>
                {isAdmin ? (
                  <Td>
                    <HostAdminActions host={h} />
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Dialog open={adding} onClose={() => setAdding(false)} title="Add a host">
        {adding ? (
          <HostForm
            busy={create.isPending}
            error={create.error}
            onCancel={() => setAdding(false)}
            onSubmit={(v) => create.mutate(v, { onSuccess: () => setAdding(false) })}
          />
        ) : null}
      </Dialog>
    </>
  );
}
