"use client";
import Link from "next/link";
import { SeverityBadge, StateBadge } from "@/components/alerts/alert-badges";
import { formatTime } from "@/components/format";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonLines } from "@/components/ui/skeleton";
import { TextLink } from "@/components/ui/text-link";
import { useAlert } from "@/lib/client/hooks/use-alerts";
import { useTenantHref } from "@/lib/client/tenant-context";

/** One alert: what matches, what happened to it (history), and every send with its outcome. */
export function AlertDetail({ id }: { id: string }) {
  const alert = useAlert(id);
  const href = useTenantHref();
  if (alert.isPending) return <SkeletonLines lines={6} />;
  const a = alert.data;
  if (!a)
    return (
      <EmptyState
        title="Alert not found"
        action={<TextLink href={href("/alerts")}>Back to the alerts</TextLink>}
      >
        It was deleted with its rule, or it is not yours to see.
      </EmptyState>
    );
  return (
    <>
      <PageHeader
        title={a.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StateBadge state={a.state} />
            <SeverityBadge severity={a.severity} />
            <span>
              rule {a.ruleName}, fired {formatTime(a.firedAt)}
              {a.resolvedAt ? `, resolved ${formatTime(a.resolvedAt)}` : ""}
            </span>
          </span>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 font-medium">
            Matching ({a.count}
            {a.count > a.subjects.length ? `, first ${a.subjects.length} shown` : ""})
          </h2>
          <ul className="space-y-1 text-sm [overflow-wrap:anywhere]">
            {a.subjects.map((s) => (
              <li key={s.key}>
                {s.containerId ? (
                  <Link className="hover:underline" href={href(`/containers/${s.containerId}`)}>
                    {s.label}
                  </Link>
                ) : (
                  s.label
                )}
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <h2 className="mb-2 font-medium">History</h2>
          <ol className="space-y-1 text-sm">
            {a.history.map((h, i) => (
              <li key={i}>
                <span className="text-slate-500">{formatTime(h.at)}</span> {h.event}
                {h.detail ? <span className="text-slate-600 dark:text-slate-400"> — {h.detail}</span> : null}
              </li>
            ))}
          </ol>
          <h2 className="mt-4 mb-2 font-medium">Sends</h2>
          {a.sends.length ? (
            <ul className="space-y-1 text-sm">
              {a.sends.map((s) => (
                <li key={s.id}>
                  {s.channelName}: {s.reason} — {s.outcome}
                  {s.attempts > 1 ? ` after ${s.attempts} attempts` : ""}
                  {s.error ? <span className="text-red-700 dark:text-red-400"> ({s.error})</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              No channel was notified (none on the rule, or it was acknowledged or silenced first).
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
