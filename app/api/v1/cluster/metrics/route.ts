import { readQuery, withAuth } from "@/lib/api/with-auth";
import { clusterHistory } from "@/lib/services/metrics-history";
import { MetricHistoryQuery } from "@/lib/validations/metrics-history";

/** The whole fleet's totals over ?range= (admins and ops; docs/metrics.md "History"). */
export const GET = withAuth(async ({ req, actor }) =>
  clusterHistory(actor, readQuery(req, MetricHistoryQuery).range),
);
