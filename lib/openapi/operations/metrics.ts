import type { Operation } from "@/lib/openapi/types";
import { MetricHistoryQuery, MetricSeriesView } from "@/lib/validations/metrics-history";

const history = (path: string, tag: string, who: string): Operation => ({
  method: "get",
  path,
  tag,
  summary:
    "History over ?range=1h|6h|24h|7d, column by column: CPU (% of one core), memory (bytes), network and block I/O " +
    `(bytes/s), restarts; from Wharf's store or WHARF_PROMETHEUS_URL (docs/metrics.md). ${who}`,
  query: MetricHistoryQuery,
  response: MetricSeriesView,
});

export const metricsOperations: Operation[] = [
  {
    method: "get",
    path: "/metrics",
    root: true,
    tag: "metrics",
    summary:
      "Prometheus scrape target (text format 0.0.4): fleet per host and tenant, request latencies, SSE clients, " +
      "deploys, builds, event lag (docs/metrics.md). Admins and ops, with a session, an api token or a metrics-scoped token",
    contentType: "text/plain; version=0.0.4",
  },
  history("/containers/{id}/metrics", "containers", "Anyone who may see the container"),
  history("/apps/{id}/metrics", "apps", "Viewer or above in the app's tenant; admins, ops"),
  history(
    "/apps/{id}/services/{service}/metrics",
    "apps",
    "One service of the app (a Swarm service's tasks, or a compose service's replicas). Viewer or above in the app's tenant; admins, ops",
  ),
  history("/tenants/{id}/metrics", "tenants", "The tenant's members; admins, ops"),
  history("/hosts/{id}/metrics", "hosts", "Admins and ops (a host's totals cover every tenant)"),
  history("/cluster/metrics", "cluster", "Admins and ops"),
];
