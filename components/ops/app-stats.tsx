"use client";
import Link from "next/link";
import { formatBytes } from "@/components/format";
import { Table, Td } from "@/components/ui/table";
import { formatPercent } from "./format";
import { Sparkline } from "./sparkline";
import { useLiveStats } from "./stats-panel";

/** Live CPU and memory of an app's services, one row per container — for the app page to embed. */
export function AppStats({ containers }: { containers: { id: string; name: string; service?: string }[] }) {
  return (
    <Table label="Service stats" head={["Container", "CPU", "Memory"]}>
      <tbody>
        {containers.map((c) => (
          <Row key={c.id} {...c} />
        ))}
      </tbody>
    </Table>
  );
}

function Row({ id, name, service }: { id: string; name: string; service?: string }) {
  const { points } = useLiveStats(id);
  const last = points.at(-1);
  return (
    <tr>
      <Td>
        <Link href={`/containers/${id}?tab=stats`} className="text-sky-700 hover:underline dark:text-sky-400">
          {name}
        </Link>
        {service ? <span className="block text-xs text-slate-500">{service}</span> : null}
      </Td>
      <Td className="w-64">
        <span className="text-xs tabular-nums">{formatPercent(last?.cpuPercent)}</span>
        <Sparkline
          label={`CPU of ${name}`}
          series={[{ name: "cpu", values: points.map((p) => p.cpuPercent), className: "stroke-sky-500" }]}
          max={100}
          height={32}
        />
      </Td>
      <Td className="w-64">
        <span className="text-xs tabular-nums">
          {last ? `${formatBytes(last.memoryBytes)} / ${formatBytes(last.memoryLimitBytes)}` : "—"}
        </span>
        <Sparkline
          label={`Memory of ${name}`}
          series={[{ name: "mem", values: points.map((p) => p.memoryBytes), className: "stroke-violet-500" }]}
          max={last?.memoryLimitBytes || undefined}
          height={32}
        />
      </Td>
    </tr>
  );
}
