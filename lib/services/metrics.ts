import "server-only";
import { forbidden } from "@/lib/api/errors";
import { seesEverything, type Actor } from "@/lib/auth/actor";
import { config } from "@/lib/config";
import { registerFleetMetrics } from "@/lib/fleet/metrics";
import { instruments, METRICS_CONTENT_TYPE } from "@/lib/metrics/instruments";

/**
 * The Prometheus text for `GET /metrics`: fleet-wide figures (every host and tenant), so admins and ops only —
 * through a session, an `api` token or a token with the `metrics` scope (checked by the route). docs/metrics.md.
 */
export async function renderMetrics(actor: Actor): Promise<{ contentType: string; body: string }> {
  if (!seesEverything(actor)) throw forbidden("Only admins and ops can read the metrics");
  registerFleetMetrics({ perContainer: config.metricsPerContainer });
  return { contentType: METRICS_CONTENT_TYPE, body: await instruments().registry.metrics() };
}
