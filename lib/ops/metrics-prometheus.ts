import "server-only";
import { z } from "zod";
import { config } from "@/lib/config";
import type { MetricKind } from "@/lib/ops/metrics-points";
import type { MetricRange, MetricSeriesView } from "@/lib/validations/metrics-history";

// Prometheus mode (WHARF_PROMETHEUS_URL): a chart is one /api/v1/query_range per figure over the per-container series
// Wharf exports (lib/fleet/metrics.ts USAGE_SERIES). Wharf has already decided the caller may see the subject; the
// query names that subject by its id, escaped, and sums over it, so no other subject's series can match.

const FIGURES = [
  ["cpu", "wharf_container_cpu_percent"],
  ["mem", "wharf_container_memory_bytes"],
  ["netRx", "wharf_container_network_receive_bytes_per_second"],
  ["netTx", "wharf_container_network_transmit_bytes_per_second"],
  ["blkRead", "wharf_container_block_read_bytes_per_second"],
  ["blkWrite", "wharf_container_block_write_bytes_per_second"],
  ["restarts", "wharf_container_restarts"],
] as const;

const SECONDS: Record<MetricRange, number> = { "1h": 3600, "6h": 6 * 3600, "24h": 86400, "7d": 7 * 86400 };

/** A PromQL string literal: backslash, double quote and newline escaped. */
export const promString = (v: string) =>
  `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

/** The label matchers that pick a subject's containers. */
export function subjectMatchers(kind: MetricKind, subject: string): string {
  switch (kind) {
    case "container": {
      const [hostId, containerId] = subject.split("/");
      return `{host_id=${promString(hostId)},container_id=${promString(containerId ?? "")}}`;
    }
    case "app":
      return `{app_id=${promString(subject)}}`;
    case "service": {
      const [appId, service] = subject.split("/");
      return `{app_id=${promString(appId)},service=${promString(service ?? "")}}`;
    }
    case "host":
      return `{host_id=${promString(subject)}}`;
    case "tenant":
      return `{tenant_id=${promString(subject)}}`;
    case "cluster":
      return "";
  }
}

const QueryRange = z.object({
  status: z.literal("success"),
  data: z.object({
    result: z.array(z.object({ values: z.array(z.tuple([z.number(), z.string()])) })),
  }),
});

export async function prometheusSeries(
  kind: MetricKind,
  subject: string,
  range: MetricRange,
  nowS = Math.floor(Date.now() / 1000),
): Promise<MetricSeriesView> {
  const seconds = SECONDS[range];
  const step = Math.max(15, Math.round(seconds / 360));
  const end = nowS - (nowS % step);
  const start = end - seconds;
  const sel = subjectMatchers(kind, subject);
  const columns = await Promise.all(
    FIGURES.map(async ([, metric]) => {
      const url = new URL(`${config.prometheusUrl}/api/v1/query_range`);
      url.search = new URLSearchParams({
        query: `sum(${metric}${sel})`,
        start: String(start),
        end: String(end),
        step: String(step),
      }).toString();
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`Prometheus answered HTTP ${res.status} to query_range`);
      const values = QueryRange.parse(await res.json()).data.result[0]?.values ?? [];
      return new Map(values.map(([t, v]) => [t, Number(v)]));
    }),
  );
  const t = [...new Set(columns.flatMap((c) => [...c.keys()]))].sort((a, b) => a - b);
  const col = (i: number) => t.map((x) => columns[i].get(x) ?? null);
  return {
    range,
    step: t.length ? step : 0,
    source: "prometheus",
    t,
    cpu: col(0),
    mem: col(1),
    netRx: col(2),
    netTx: col(3),
    blkRead: col(4),
    blkWrite: col(5),
    restarts: col(6),
  };
}
