import { readQuery, withAuth } from "@/lib/api/with-auth";
import { containerHistory } from "@/lib/services/metrics-history";
import { MetricHistoryQuery } from "@/lib/validations/metrics-history";

/** A container's CPU, memory, network, block I/O and restarts over ?range=1h|6h|24h|7d (docs/metrics.md "History"). */
export const GET = withAuth(async ({ req, actor, params }) =>
  containerHistory(actor, params.id, readQuery(req, MetricHistoryQuery).range),
);
