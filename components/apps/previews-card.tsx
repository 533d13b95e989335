"use client";
// Preview environments: one copy of the app per open pull/merge request, at pr-<n>.<its domains>.
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/form-error";
import { SkeletonLines } from "@/components/ui/skeleton";
import { LocalTime } from "@/components/ui/time";
import {
  useAppPreviews,
  usePreviewAction,
  useSetPreviews,
  type PreviewView,
} from "@/lib/client/hooks/use-previews";

const tone = { ready: "green", deploying: "blue", failed: "red" } as const;

export function PreviewsCard({ appId, canWrite }: { appId: string; canWrite: boolean }) {
  const previews = useAppPreviews(appId);
  const toggle = useSetPreviews(appId);
  const act = usePreviewAction(appId);
  const [ask, setAsk] = useState<{ p: PreviewView; action: "approve" | "remove" } | null>(null);
  const data = previews.data;
  return (
    <Card title="Previews">
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        For an app deployed from a repository: each pull or merge request the app&apos;s webhook reports gets
        its own copy of the app, from the request&apos;s branch, at pr-&lt;number&gt; in front of each domain.
        {data
          ? ` At most ${data.perApp} at once; each is removed ${data.ttlHours} h after its last update.`
          : ""}
      </p>
      {previews.isPending ? (
        <SkeletonLines lines={2} label="Loading previews" />
      ) : previews.isError || !data ? (
        <FormError error={previews.error} />
      ) : (
        <>
          {canWrite ? (
            <label className="mb-3 flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 rounded"
                checked={data.enabled}
                disabled={toggle.isPending}
                onChange={(e) =>
                  toggle.mutate(e.target.checked, {
                    onSuccess: (v) => toast.success(v.enabled ? "Previews turned on" : "Previews turned off"),
                  })
                }
              />
              Deploy a preview for each pull or merge request
            </label>
          ) : (
            <p className="mb-3 text-sm">Previews are {data.enabled ? "on" : "off"} for this app.</p>
          )}
          <FormError error={toggle.error} />
          {data.items.length === 0 ? (
            <p className="text-sm text-slate-500">
              {data.enabled
                ? "No preview yet: open a pull or merge request on the repository (its webhook must point at this app's webhook URL)."
                : "No preview. Turn previews on, then open a pull or merge request."}
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Previews">
              {data.items.map((p) => (
                <li key={p.number} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
                  <span className="font-medium">#{p.number}</span>
                  <span className="font-mono break-all">{p.branch}</span>
                  <Badge tone={tone[p.status]}>{p.status}</Badge>
                  {p.fromFork ? (
                    <Badge tone="amber">{p.approved ? "fork, approved" : "fork: no secret variables"}</Badge>
                  ) : null}
                  <span className="text-xs text-slate-500">
                    expires <LocalTime iso={p.expiresAt} />
                  </span>
                  {p.urls.map((u) => (
                    <a
                      key={u}
                      href={u}
                      target="_blank"
                      rel="noreferrer"
                      className="basis-full font-mono break-all text-sky-700 underline dark:text-sky-400"
                    >
                      {u}
                    </a>
                  ))}
                  {p.message ? (
                    <p className="basis-full text-xs text-red-700 dark:text-red-400">{p.message}</p>
                  ) : null}
                  {canWrite ? (
                    <span className="ml-auto flex gap-2">
                      {p.fromFork && !p.approved ? (
                        <Button
                          variant="secondary"
                          size="sm"
                          onClick={() => setAsk({ p, action: "approve" })}
                        >
                          Approve
                        </Button>
                      ) : null}
                      <Button variant="ghost" size="sm" onClick={() => setAsk({ p, action: "remove" })}>
                        Remove
                      </Button>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <FormError error={act.error} />
        </>
      )}
      <ConfirmDialog
        open={ask !== null}
        title={
          ask?.action === "approve"
            ? `Approve request #${ask?.p.number}?`
            : `Remove preview #${ask?.p.number}?`
        }
        confirmLabel={ask?.action === "approve" ? "Approve and redeploy" : "Remove preview"}
        tone={ask?.action === "approve" ? "primary" : "danger"}
        busy={act.isPending}
        onCancel={() => setAsk(null)}
        onConfirm={() =>
          ask &&
          act.mutate(
            { number: ask.p.number, action: ask.action },
            {
              onSuccess: () => {
                toast.success(ask.action === "approve" ? "Approved: redeploying" : "Preview removed");
                setAsk(null);
              },
            },
          )
        }
      >
        {ask?.action === "approve"
          ? "This request comes from a fork: its code will run with this app's secret variables. Approve only code you have read."
          : "Its containers and volumes are removed. A new push to the request deploys it again."}
      </ConfirmDialog>
    </Card>
  );
}
