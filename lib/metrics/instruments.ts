import "server-only";
import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * Wharf's Prometheus instruments (docs/metrics.md), one set per process. They live on globalThis because Next.js
 * bundles route handlers and start-up code separately: a deploy recorded in one bundle must reach the registry the
 * /metrics route of another reads. Fleet figures are read from the fleet cache at scrape time (lib/fleet/metrics.ts).
 */
export type Instruments = {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "code">;
  deployDuration: Histogram<"mode" | "outcome">;
  buildDuration: Histogram<"outcome">;
  sseClients: Gauge;
};

declare global {
  var wharfMetrics: Instruments | undefined;
}

/** Request latency buckets (s): API answers take ~1-50 ms; the upper buckets catch slow engine calls. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Deploys and builds take seconds to many minutes. */
const JOB_BUCKETS = [1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

function createInstruments(): Instruments {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: "wharf_http_request_duration_seconds",
      help: "Time to answer an HTTP request, per route pattern (never per URL); event streams are not counted",
      labelNames: ["method", "route", "code"],
      buckets: HTTP_BUCKETS,
      registers,
    }),
    deployDuration: new Histogram({
      name: "wharf_deploy_duration_seconds",
      help: "Deploys (apply, scale, rollback, service update), waiting for the app's lock included, by outcome",
      labelNames: ["mode", "outcome"],
      buckets: JOB_BUCKETS,
      registers,
    }),
    buildDuration: new Histogram({
      name: "wharf_build_duration_seconds",
      help: "Image builds from start to finish (queue time excluded), by outcome",
      labelNames: ["outcome"],
      buckets: JOB_BUCKETS,
      registers,
    }),
    sseClients: new Gauge({
      name: "wharf_sse_clients",
      help: "Open fleet event streams (Server-Sent Events: the header counters and live pages)",
      registers,
    }),
  };
}

export function instruments(): Instruments {
  return (globalThis.wharfMetrics ??= createInstruments());
}

/** The text format Prometheus scrapes (version 0.0.4). */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** Runs a job and records its duration and outcome: "failed" when it throws, else what `outcome` says. */
export async function timed<T>(
  histogram: { observe(labels: Record<string, string>, seconds: number): void },
  labels: Record<string, string>,
  job: () => Promise<T>,
  outcome: (result: T) => string = () => "succeeded",
): Promise<T> {
  const t0 = performance.now();
  let result: T;
  try {
    result = await job();
  } catch (err) {
    histogram.observe({ ...labels, outcome: "failed" }, (performance.now() - t0) / 1000);
    throw err;
  }
  histogram.observe({ ...labels, outcome: outcome(result) }, (performance.now() - t0) / 1000);
  return result;
}
