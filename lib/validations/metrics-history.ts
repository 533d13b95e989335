import { z } from "zod";
import { COMPOSE_NAME_RE } from "@/lib/validations/compose-limits";

export const METRIC_RANGES = ["1h", "6h", "24h", "7d"] as const;
export const MetricRange = z.enum(METRIC_RANGES);
export type MetricRange = z.infer<typeof MetricRange>;

export const MetricHistoryQuery = z.object({ range: MetricRange.default("1h") });
/** An app service's name in a chart's path, as a compose file may name it. */
export const MetricServiceName = z
  .string()
  .regex(COMPOSE_NAME_RE, "use letters, digits, '.', '_' and '-', at most 255 characters");

const Column = z.array(z.number().nullable());
/**
 * A subject's history, column by column (the shape uPlot draws): `t` in seconds since the epoch; CPU in % of one
 * core (a total sums its containers'), memory in bytes, network and block I/O in bytes per second, restarts per point.
 */
export const MetricSeriesView = z.object({
  range: MetricRange,
  /** Seconds one point covers (0 when there are none). */
  step: z.number(),
  /** Where the points came from: Wharf's own store, or the Prometheus at WHARF_PROMETHEUS_URL. */
  source: z.enum(["store", "prometheus"]),
  t: z.array(z.number()),
  cpu: Column,
  mem: Column,
  netRx: Column,
  netTx: Column,
  blkRead: Column,
  blkWrite: Column,
  restarts: Column,
});
export type MetricSeriesView = z.infer<typeof MetricSeriesView>;
