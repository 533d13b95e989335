"use client";
import Link from "next/link";
import { toast } from "sonner";
import { SeverityBadge } from "@/components/alerts/alert-badges";
import { formatAgo } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonLines } from "@/components/ui/skeleton";
import { TextLink } from "@/components/ui/text-link";
import {
  useNotificationMutations,
  useNotificationPreferences,
  useNotifications,
} from "@/lib/client/hooks/use-notifications";
import { useTenantHref } from "@/lib/client/tenant-context";
import { ALERT_SEVERITIES, AlertSeverity } from "@/lib/validations/alerts";

/** The in-app notification centre: alerts that fired or resolved, newest first, and what the user wants here. */
export function NotificationsView({ tenants }: { tenants: { id: string; name: string }[] }) {
  const list = useNotifications();
  const href = useTenantHref();
  const { markRead } = useNotificationMutations();
  const unread = list.data?.filter((n) => !n.readAt).length ?? 0;
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Alerts you may see, as they fire and resolve."
        actions={
          unread ? (
            <Button variant="secondary" onClick={() => markRead.mutate({ all: true })}>
              Mark all read
            </Button>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <section aria-label="Notifications">
          {list.isPending ? (
            <SkeletonLines lines={4} />
          ) : !list.data?.length ? (
            <EmptyState
              title="Nothing to read"
              action={<TextLink href={href("/alerts/rules")}>See the alert rules</TextLink>}
            >
              When a rule&apos;s alert fires or resolves, it shows up here and the bell in the header counts
              it.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
              {list.data.map((n) => (
                <li
                  key={n.id}
                  data-testid="notification"
                  className={`flex flex-wrap items-center gap-2 px-3 py-2 text-sm ${n.readAt ? "" : "bg-sky-50 dark:bg-sky-950/40"}`}
                >
                  <SeverityBadge severity={n.severity} />
                  <span className="font-medium">{n.reason === "resolved" ? "Resolved" : "Firing"}:</span>
                  <Link
                    href={href(`/alerts/${n.alertId}`)}
                    className="min-w-0 flex-1 [overflow-wrap:anywhere] hover:underline"
                    onClick={() => !n.readAt && markRead.mutate({ ids: [n.id] })}
                  >
                    {n.title}
                  </Link>
                  <span className="text-xs text-slate-500">{formatAgo(n.createdAt)}</span>
                  {n.readAt ? null : (
                    <Button size="sm" variant="ghost" onClick={() => markRead.mutate({ ids: [n.id] })}>
                      Mark read
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <Preferences tenants={tenants} />
      </div>
    </>
  );
}

function Preferences({ tenants }: { tenants: { id: string; name: string }[] }) {
  const prefs = useNotificationPreferences();
  const { savePreferences } = useNotificationMutations();
  if (!prefs.data) return <SkeletonLines lines={3} />;
  const p = prefs.data;
  const save = (next: typeof p) =>
    savePreferences.mutate(next, { onSuccess: () => toast.success("Preferences saved") });
  return (
    <Card>
      <h2 className="mb-3 font-medium">Notify me in the app</h2>
      <SelectField
        label="From severity"
        value={p.minSeverity}
        onChange={(e) => save({ ...p, minSeverity: AlertSeverity.catch("info").parse(e.target.value) })}
      >
        {ALERT_SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s} and above
          </option>
        ))}
      </SelectField>
      {tenants.length ? (
        <fieldset className="mt-4">
          <legend className="text-sm font-medium">Tenants</legend>
          <div className="mt-2 space-y-1">
            {tenants.map((t) => (
              <label key={t.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={!p.mutedTenantIds.includes(t.id)}
                  onChange={(e) =>
                    save({
                      ...p,
                      mutedTenantIds: e.target.checked
                        ? p.mutedTenantIds.filter((x) => x !== t.id)
                        : [...p.mutedTenantIds, t.id],
                    })
                  }
                />
                {t.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </Card>
  );
}
