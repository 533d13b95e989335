"use client";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar } from "@/components/ui/filter-bar";
import { LoadOlder } from "@/components/ui/load-older";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, Td } from "@/components/ui/table";
import { WhenCell } from "@/components/ui/time";
import { AUDIT_FILTER_KEYS, useAuditEvents } from "@/lib/client/hooks/use-audit";
import { useTenants } from "@/lib/client/hooks/use-tenants";
import { useUsers } from "@/lib/client/hooks/use-users";
import { useTenantScope } from "@/lib/client/tenant-context";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import type { AuditView as AuditEvent } from "@/lib/validations/audit";
import { AuditDetail } from "./audit-detail";

const keys = AUDIT_FILTER_KEYS;
const userOption = (u: { id: string; email: string }) => ({ id: u.id, name: u.email });
const outcomeTone: Record<string, BadgeTone> = { success: "green", failure: "amber", denied: "red" };

export function AuditView() {
  const { filters: own, setFilter } = useUrlFilters(keys);
  // The console's tenant context is the tenant filter's default (the log reviews one tenant like every list).
  const scope = useTenantScope();
  const filters = { ...own, tenantId: own.tenantId || (scope ?? "") };
  const users = useUsers();
  const tenants = useTenants();
  const query = useAuditEvents(filters);
  const events = query.data?.pages.flatMap((p) => p.items) ?? [];
  const tenantName = (id: string | null) =>
    id ? (tenants.data?.find((t) => t.id === id)?.name ?? id.slice(0, 10)) : "—";

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change, with who, what, which tenant, when and the outcome — refused attempts included."
      />
      <FilterBar
        className="mb-4 grid grid-cols-2 gap-2 md:grid-cols-6"
        filters={filters}
        setFilter={setFilter}
        fields={[
          { key: "userId", label: "User", all: "All users", options: users.data?.map(userOption) ?? [] },
          { key: "tenantId", label: "Tenant", all: "All tenants", options: tenants.data ?? [] },
          { key: "action", label: "Action", placeholder: "Action, e.g. project." },
          { key: "outcome", label: "Outcome", all: "Any outcome", options: ["success", "failure", "denied"] },
          { key: "from", label: "From", time: true },
          { key: "to", label: "To", time: true },
        ]}
      />
      {query.isSuccess && events.length === 0 ? (
        <EmptyState title="No events match">Clear a filter to see more.</EmptyState>
      ) : (
        <Table label="Audit events" head={["When", "Who", "Action", "Tenant", "Target", "Outcome", "Detail"]}>
          <tbody>
            {query.isPending ? <SkeletonRows columns={7} label="Loading the audit log…" /> : null}
            {events.map((e) => (
              <tr key={e.id}>
                <WhenCell iso={e.at} />
                <Td className="text-xs">
                  {e.actorEmail || "—"}
                  <span className="block text-slate-400">{e.ip}</span>
                </Td>
                <Td className="font-mono text-xs">{e.action}</Td>
                <Td className="text-xs">{tenantName(e.tenantId)}</Td>
                <Td className="text-xs">
                  <AuditTarget event={e} />
                </Td>
                <Td>
                  <Badge tone={outcomeTone[e.outcome] ?? "gray"}>{e.outcome}</Badge>
                </Td>
                <Td className="max-w-md text-xs">
                  <AuditDetail detail={e.detail} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <LoadOlder query={query} />
    </>
  );
}

/** The target by its current name; the full id stays reachable in the tooltip. */
function AuditTarget({ event: e }: { event: AuditEvent }) {
  if (!e.targetType) return <>—</>;
  return (
    <span title={`${e.targetType} ${e.targetId}`}>
      <span className="text-slate-400">{e.targetType} </span>
      {e.targetName ?? <span className="font-mono">{e.targetId}</span>}
    </span>
  );
}
