import { readQuery, withAuth } from "@/lib/api/with-auth";
import { appServiceHistory } from "@/lib/services/metrics-history";
import { MetricHistoryQuery } from "@/lib/validations/metrics-history";

/** One service's totals over ?range= (viewer in the app's tenant) (docs/metrics.md "History"). */
export const GET = withAuth(async ({ req, actor, params }) =>
  appServiceHistory(actor, params.id, params.service, readQuery(req, MetricHistoryQuery).range),
);
