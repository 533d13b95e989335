import { readQuery, withAuth } from "@/lib/api/with-auth";
import { appHistory } from "@/lib/services/metrics-history";
import { MetricHistoryQuery } from "@/lib/validations/metrics-history";

/** An app's totals over ?range= (viewer in its tenant) (docs/metrics.md "History"). */
export const GET = withAuth(async ({ req, actor, params }) =>
  appHistory(actor, params.id, readQuery(req, MetricHistoryQuery).range),
);
