import { requireActor } from "@/lib/auth/current";
import { pageTenantId, type PageSearchParams } from "@/lib/auth/selected-tenant";
import { AUDIT_FILTER_KEYS, AUDIT_PAGE_SIZE, auditKeys } from "@/lib/client/hooks/use-audit";
import { tenantKeys } from "@/lib/client/hooks/use-tenants";
import { userKeys } from "@/lib/client/hooks/use-users";
import { listAuditEvents } from "@/lib/services/audit-log";
import { listTenants } from "@/lib/services/tenants";
import { listUsers } from "@/lib/services/users";
import { AuditQuery } from "@/lib/validations/audit";
import { AuditView } from "./audit-view";
import { Prefetched, pageFilters, type Seed } from "../../prefetched";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: PageSearchParams) {
  const actor = await requireActor({ globalRole: "admin" });
  const [own, scope] = await Promise.all([
    pageFilters(searchParams, AUDIT_FILTER_KEYS),
    pageTenantId(actor, searchParams),
  ]);
  // As the view builds them: the tenant filter defaults to the console's tenant context.
  const filters = { ...own, tenantId: own.tenantId || (scope ?? "") };
  const query = AuditQuery.safeParse({
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
    limit: AUDIT_PAGE_SIZE,
  });
  // `from`/`to` are the reader's local time (datetime-local), which only the browser can turn into instants.
  const events: Seed[] =
    query.success && !filters.from && !filters.to
      ? [{ queryKey: auditKeys.list(filters), load: () => listAuditEvents(query.data), infinite: true }]
      : [];
  return (
    <Prefetched
      seeds={[
        ...events,
        { queryKey: userKeys.all, load: listUsers },
        { queryKey: tenantKeys.all, load: () => listTenants(actor) },
      ]}
    >
      <AuditView />
    </Prefetched>
  );
}
