import type { Operation } from "@/lib/openapi/types";

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
];
