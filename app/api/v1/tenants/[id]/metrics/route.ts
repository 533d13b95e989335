import { readQuery, withAuth } from "@/lib/api/with-auth";
import { tenantHistory } from "@/lib/services/metrics-history";
import { MetricHistoryQuery } from "@/lib/validations/metrics-history";

/** A tenant's totals over ?range= (its members, admins and ops) (docs/metrics.md "History"). */
export const GET = withAuth(async ({ req, actor, params }) =>
  tenantHistory(actor, params.id, readQuery(req, MetricHistoryQuery).range),
);
