import { useInfiniteQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { AuditPage } from "@/lib/validations/audit";

/** The audit log's filters in the page's URL (`tenantId` defaults to the console's tenant context). */
export const AUDIT_PAGE_SIZE = 100;
export const AUDIT_FILTER_KEYS = ["userId", "tenantId", "action", "outcome", "from", "to"] as const;

const root = rootKey("audit");
export const auditKeys = { all: root(), list: (filters: Record<string, string>) => root(filters) };

/** `filters` as the URL holds them (datetime-local `from`/`to`); the API wants ISO instants with an offset. */
const toIso = (local: string | undefined) => (local ? new Date(local).toISOString() : undefined);

/** The audit log, newest first, a page at a time. */
export const useAuditEvents = (filters: Record<string, string>) =>
  useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      api<AuditPage>(
        `/audit${qs({ ...filters, from: toIso(filters.from), to: toIso(filters.to), cursor: pageParam, limit: AUDIT_PAGE_SIZE })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
