"use client";
import { formatTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, Td } from "@/components/ui/table";
import { useHostNetworks, useHostVolumes } from "@/lib/client/hooks/use-host-resources";
import { useTenantScope } from "@/lib/client/tenant-context";
import { ContainerLinks } from "./container-links";

export function HostVolumes({ hostId }: { hostId: string }) {
  const q = useHostVolumes(hostId, useTenantScope());
  if (q.isSuccess && q.data.length === 0)
    return (
      <EmptyState title="No volumes on this host">
        Named volumes appear here when an app declares them.
      </EmptyState>
    );
  return (
    <Table label="Volumes" head={["Name", "Driver", "Used by", "Created"]}>
      <tbody>
        {q.isPending ? <SkeletonRows columns={4} label="Loading volumes…" /> : null}
        {(q.data ?? []).map((v) => (
          <tr key={v.name}>
            <Td className="max-w-md truncate font-mono text-xs">{v.name}</Td>
            <Td className="text-xs">{v.driver}</Td>
            <Td className="text-xs">
              <ContainerLinks containers={v.containers} />
            </Td>
            <Td className="text-xs text-slate-500">{formatTime(v.createdAt) || "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function HostNetworks({ hostId }: { hostId: string }) {
  const q = useHostNetworks(hostId, useTenantScope());
  return (
    <Table
      label="Networks"
      head={["Name", "Driver", "Scope", "Subnets", { label: "Running containers", className: "text-right" }]}
    >
      <tbody>
        {q.isPending ? <SkeletonRows columns={5} label="Loading networks…" /> : null}
        {(q.data ?? []).map((n) => (
          <tr key={n.id}>
            <Td className="font-mono text-xs">
              {n.name} {n.internal ? <Badge>internal</Badge> : null}
            </Td>
            <Td className="text-xs">{n.driver}</Td>
            <Td className="text-xs">{n.scope}</Td>
            <Td className="font-mono text-xs">{n.subnets.join(", ") || "—"}</Td>
            <Td className="text-right tabular-nums">{n.containers}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
