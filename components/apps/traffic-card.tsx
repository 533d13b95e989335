"use client";
// Requests/s, error rates and latency of each of the app's domains, read from the edge proxy's access log.
import { Card } from "@/components/ui/card";
import { SkeletonLines } from "@/components/ui/skeleton";
import { Table, Td } from "@/components/ui/table";
import { useAppTraffic, type AppTrafficView } from "@/lib/client/hooks/use-traffic";

const windowName = (s: number) => (s < 120 ? "1 min" : `${Math.round(s / 60)} min`);
const pct = (x: number) => (x === 0 ? "0 %" : `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`);
const ms = (x: number | null) => (x === null ? "—" : x >= 1000 ? `≤ ${x / 1000} s` : `≤ ${x} ms`);

export function TrafficCard({ appId }: { appId: string }) {
  const traffic = useAppTraffic(appId);
  return (
    <Card title="Traffic">
      {traffic.isPending ? (
        <SkeletonLines lines={2} label="Loading traffic" />
      ) : traffic.isError ? (
        <p className="text-sm text-red-700 dark:text-red-400">Traffic figures could not be loaded.</p>
      ) : !traffic.data.enabled ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No traffic figures: this Wharf reads no access log from the edge proxy (an admin sets
          WHARF_EDGE_ACCESS_LOG).
        </p>
      ) : traffic.data.items.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Attach a domain above: its requests per second, error rates and latency appear here.
        </p>
      ) : (
        <div className="space-y-3">
          <p className="text-xs text-slate-500">
            From the edge proxy&apos;s access log, refreshed every 10 s. Latency is the bucket&apos;s upper
            bound.
          </p>
          {traffic.data.items.map((d) => (
            <DomainTraffic key={d.domainId} domain={d} />
          ))}
        </div>
      )}
    </Card>
  );
}

function DomainTraffic({ domain: d }: { domain: AppTrafficView["items"][number] }) {
  const name = `${d.host}${d.pathPrefix === "/" ? "" : d.pathPrefix}`;
  return (
    <div>
      <h3 className="mb-1 font-mono text-xs break-all">{name}</h3>
      <Table label={`Traffic of ${name}`} head={["Last", "Req/s", "4xx", "5xx", "p50", "p95"]}>
        <tbody>
          {d.windows.map((w) => (
            <tr key={w.seconds} className="text-xs tabular-nums">
              <Td>{windowName(w.seconds)}</Td>
              <Td>{w.perSecond < 10 ? w.perSecond.toFixed(2) : w.perSecond.toFixed(0)}</Td>
              <Td>{pct(w.rate4xx)}</Td>
              <Td className={w.rate5xx > 0 ? "text-red-700 dark:text-red-400" : ""}>{pct(w.rate5xx)}</Td>
              <Td>{ms(w.p50Ms)}</Td>
              <Td>{ms(w.p95Ms)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
