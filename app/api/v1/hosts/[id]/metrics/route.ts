import { readQuery, withAuth } from "@/lib/api/with-auth";
import { hostHistory } from "@/lib/services/metrics-history";
import { MetricHistoryQuery } from "@/lib/validations/metrics-history";

/** A host's totals over ?range= (admins and ops) (docs/metrics.md "History"). */
export const GET = withAuth(async ({ req, actor, params }) =>
  hostHistory(actor, params.id, readQuery(req, MetricHistoryQuery).range),
);
