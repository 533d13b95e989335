"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AppActivity } from "@/components/apps/app-activity";
import { AppHistory } from "@/components/apps/app-history";
import { archiveValues } from "@/components/apps/archive-form";
import { DeployInProgressPanel } from "@/components/apps/deploy-in-progress-panel";
import { DomainsCard } from "@/components/apps/domains-card";
import { EffectiveCompose } from "@/components/apps/effective-compose";
import { imageFormOf } from "@/components/apps/image-form";
import { LastDeployPanel } from "@/components/apps/last-deploy-panel";
import { PreviewsCard } from "@/components/apps/previews-card";
import { ProgressLog } from "@/components/apps/progress-log";
import { RepositoryCard } from "@/components/apps/repository-card";
import { repositoryValues } from "@/components/apps/repository-form";
import { RevisionDialog, type RevisionAsk } from "@/components/apps/revision-dialog";
import { RevisionsTable } from "@/components/apps/revisions-table";
import { ScaleActions, ScaleResult } from "@/components/apps/scale-stage";
import { ServicesTable } from "@/components/apps/services-table";
import { SourceFlow } from "@/components/apps/source-flow";
import { TrafficCard } from "@/components/apps/traffic-card";
import { useScaleStage } from "@/components/apps/use-scale-stage";
import { VariablesCard } from "@/components/apps/variables-card";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/form-error";
import { PageHeader } from "@/components/ui/page-header";
import {
  appKeys,
  streamChange,
  useApp,
  useAppMutations,
  useRevisions,
  type ProgressLine,
} from "@/lib/client/hooks/use-apps";
import type { LifecycleAction } from "@/lib/validations/app";

/** The header's lifecycle buttons, in order: the action each posts and its label. */
const lifecycleActions: [LifecycleAction, string][] = [
  ["stop", "Stop"],
  ["start", "Start"],
  ["restart", "Restart"],
];

const statusTone = (s: string) =>
  s === "running" ? "green" : s === "failed" ? "red" : s === "deploying" ? "amber" : "gray";

export function AppView({
  id,
  projectId,
  canWrite,
  isAdmin,
}: {
  id: string;
  projectId: string;
  canWrite: boolean;
  isAdmin: boolean;
}) {
  const router = useRouter();
  const qc = useQueryClient();
  const app = useApp(id);
  const revisions = useRevisions(id);
  const { lifecycle, remove, restartService } = useAppMutations(projectId);
  const [lines, setLines] = useState<ProgressLine[]>([]);
  const [removing, setRemoving] = useState(false);
  const [withVolumes, setWithVolumes] = useState(false);
  const [editing, setEditing] = useState(false);
  const [revisionAsk, setRevisionAsk] = useState<RevisionAsk>(null);
  const stage = useScaleStage(id, app.data?.services ?? [], () =>
    qc.invalidateQueries({ queryKey: appKeys.all }),
  );

  // A rollback streams its progress into `lines`; busy and error are the mutation's own.
  const change = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => {
      setLines([]);
      return streamChange(path, body, (l) => {
        setLines((prev) => [...prev, l]);
        if (l.phase === "healthy" || l.phase === "removing")
          void qc.invalidateQueries({ queryKey: appKeys.detail(id) });
      });
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: appKeys.all }),
    meta: { silent: true },
  });
  const busy = change.isPending;
  const error = change.error;

  if (app.isPending) return <p className="text-slate-500">Loading app…</p>;
  if (!app.data) return <FormError error={app.error} />;
  const a = app.data;
  const source = a.source;
  return (
    <>
      <PageHeader
        title={a.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone={statusTone(a.status)}>{a.status}</Badge>
            {a.mode === "swarm" ? "Swarm services" : "Standalone containers"} on {a.hostName}
            {a.currentRevision ? ` · revision ${a.currentRevision}` : " · not deployed yet"}
          </span>
        }
        actions={
          canWrite ? (
            <>
              {lifecycleActions.map(([action, label]) => (
                <Button
                  key={action}
                  variant="secondary"
                  size="sm"
                  disabled={busy || lifecycle.isPending}
                  onClick={() => lifecycle.mutate({ id, action })}
                >
                  {label}
                </Button>
              ))}
              <Button variant="danger" size="sm" disabled={busy} onClick={() => setRemoving(true)}>
                Remove
              </Button>
            </>
          ) : null
        }
      />
      <div className="space-y-6">
        {a.engineError ? (
          <p
            role="alert"
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-300"
          >
            The host did not answer: {a.engineError}
          </p>
        ) : null}
        <Card title="Services" actions={canWrite ? <ScaleActions stage={stage} /> : null}>
          {a.services.length === 0 ? (
            <p className="text-sm text-slate-500">
              Nothing runs yet.{" "}
              {canWrite
                ? `Use “${a.currentRevision ? "Change" : "Edit"} and redeploy” below to deploy a source.`
                : ""}
            </p>
          ) : (
            <ServicesTable
              services={a.services}
              canWrite={canWrite && a.currentRevision !== null}
              busy={busy || restartService.isPending || stage.busy !== null}
              host={a.hostAddress ?? (typeof window === "undefined" ? "localhost" : window.location.hostname)}
              stage={canWrite && a.currentRevision !== null ? stage : null}
              onRestart={(service) => restartService.mutate({ id, service })}
            />
          )}
          {/* Below the table, so nothing above the rows moves while the pointer is on them. */}
          <div className="mt-3 space-y-3 empty:hidden">
            <FormError error={error ?? restartService.error} />
            {lines.length > 0 ? <ProgressLog lines={lines} /> : null}
            <ScaleResult stage={stage} />
          </div>
        </Card>
        <DeployInProgressPanel appId={id} deploying={a.status === "deploying" && !busy} />
        <LastDeployPanel appId={id} />
        {canWrite && source?.type === "repository" ? <RepositoryCard appId={id} /> : null}
        {a.services.length > 0 ? <AppActivity appId={id} services={a.services} /> : null}
        <AppHistory appId={id} services={a.services.map((s) => s.name)} />
        <Card title="Revisions">
          {revisions.data?.length ? (
            <RevisionsTable
              revisions={revisions.data}
              canWrite={canWrite}
              busy={busy}
              onOpen={setRevisionAsk}
            />
          ) : (
            <p className="text-sm text-slate-500">
              No revision yet: every deploy, scale and rollback is recorded here.
            </p>
          )}
          {a.currentRevision ? (
            <div className="mt-3">
              <EffectiveCompose appId={id} revision={a.currentRevision} />
            </div>
          ) : null}
        </Card>
        {a.services.length > 0 ? (
          <DomainsCard
            appId={id}
            tenantId={a.tenantId}
            services={a.services.map((s) => s.name)}
            canWrite={canWrite}
            canApprove={isAdmin}
          />
        ) : null}
        {a.services.length > 0 ? <TrafficCard appId={id} /> : null}
        {source?.type === "repository" ? <PreviewsCard appId={id} canWrite={canWrite} /> : null}
        <VariablesCard appId={id} canWrite={canWrite} />
        {canWrite ? (
          editing || !a.currentRevision ? (
            <section aria-label={a.currentRevision ? "Change and redeploy" : "Edit and redeploy"}>
              <h2 className="mb-2 text-sm font-semibold">
                {a.currentRevision ? "Change and redeploy" : "Edit and redeploy"}
              </h2>
              <SourceFlow
                appId={id}
                projectId={projectId}
                initial={
                  source?.type === "image"
                    ? { type: "image", image: imageFormOf(source.text) }
                    : source?.type === "repository" && source.origin
                      ? { type: "repository", repository: repositoryValues(source.origin) }
                      : source?.type === "archive" && source.origin
                        ? { type: "archive", archive: archiveValues(source.origin) }
                        : { type: "compose", compose: source?.type === "compose" ? source.text : "" }
                }
                onDeployed={() => {
                  setEditing(false);
                  void qc.invalidateQueries({ queryKey: appKeys.all });
                }}
              />
            </section>
          ) : (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Change and redeploy…
            </Button>
          )
        ) : null}
      </div>
      <RevisionDialog
        appId={id}
        ask={revisionAsk}
        busy={busy}
        onClose={() => setRevisionAsk(null)}
        onRollback={(revision) => {
          setRevisionAsk(null);
          change.mutate({ path: `/apps/${id}/rollback`, body: { revision } });
        }}
      />
      <ConfirmDialog
        open={removing}
        title={`Remove ${a.name}?`}
        confirmLabel="Remove app"
        busy={remove.isPending}
        onCancel={() => setRemoving(false)}
        onConfirm={() =>
          remove.mutate(
            { id, volumes: withVolumes },
            { onSuccess: () => router.push(`/projects/${projectId}`) },
          )
        }
      >
        <p>
          Its {a.mode === "swarm" ? "services" : "containers"} and networks are removed, and its revision
          history with it.
        </p>
        <label className="mt-3 flex items-center gap-2">
          <input
            type="checkbox"
            checked={withVolumes}
            onChange={(e) => setWithVolumes(e.target.checked)}
            className="size-4 rounded focus:ring-2 focus:ring-sky-500"
          />
          Also delete its named volumes and their data
        </label>
      </ConfirmDialog>
    </>
  );
}
