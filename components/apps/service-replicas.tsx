"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { ReplicaView } from "@/lib/client/hooks/use-apps";
import { replicaName } from "@/lib/client/replica-name";

export const replicaTone = (s: string, health: string | null) =>
  health === "unhealthy" || s === "exited" || s === "failed"
    ? "red"
    : health === "starting" || s === "starting" || s === "created"
      ? "amber"
      : s === "running"
        ? "green"
        : "gray";

const link = "text-sky-700 hover:underline dark:text-sky-400";

/** A service's containers (or tasks), each with links to its page, logs and console. */
export function ServiceReplicas({ service, replicas }: { service: string; replicas: ReplicaView[] }) {
  if (replicas.length === 0) return <span className="text-xs text-slate-500">none</span>;
  return (
    <ul className="space-y-1">
      {replicas.map((r) => {
        const page = r.id ? `/containers/${encodeURIComponent(r.id)}` : null;
        return (
          <li key={r.name} className="flex flex-wrap items-center gap-x-2 text-xs" data-testid="replica">
            <Badge tone={replicaTone(r.state, r.health)}>{r.health ?? r.state}</Badge>
            {page ? (
              <Link href={page} title={r.name} className={`${link} font-mono`}>
                {replicaName(r.name, [service])}
              </Link>
            ) : (
              <span title={r.name} className="font-mono">
                {replicaName(r.name, [service])}
              </span>
            )}
            {r.node ? <span data-testid="task-node">on {r.node}</span> : null}
            {page ? (
              <>
                <Link href={`${page}?tab=logs`} className={link} aria-label={`Logs of ${r.name}`}>
                  logs
                </Link>
                <Link href={`${page}?tab=console`} className={link} aria-label={`Console of ${r.name}`}>
                  console
                </Link>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** "8080→80/tcp" as a link to the published port on the app's host; unpublished ("auto→80/tcp") as text. */
export function PortLinks({ ports, host }: { ports: string[]; host: string }) {
  return (
    <span className="flex flex-wrap gap-x-2 text-xs">
      {ports.map((p) => {
        const published = /^(\d+)→\d+\/tcp$/.exec(p)?.[1];
        return published ? (
          <a
            key={p}
            href={`http://${host}:${published}/`}
            target="_blank"
            rel="noreferrer"
            className={`${link} font-mono`}
          >
            {p}
          </a>
        ) : (
          <span key={p} className="font-mono">
            {p}
          </span>
        );
      })}
    </span>
  );
}
