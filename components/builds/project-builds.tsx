"use client";
import Link from "next/link";
import { useState } from "react";
import { AppWebhookDialog } from "@/components/builds/app-webhook-dialog";
import { BuildsTable } from "@/components/builds/builds-table";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useApps } from "@/lib/client/hooks/use-apps";
import { useBuilds } from "@/lib/client/hooks/use-builds";

/** The project's recent builds, with a way to start one. */
export function ProjectBuilds({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const builds = useBuilds({ projectId });
  const apps = useApps(projectId);
  const [hookApp, setHookApp] = useState<{ id: string; name: string } | null>(null);
  const newBuild = canWrite ? (
    <Link href={`/builds/new?projectId=${projectId}`} className={buttonClass({ size: "sm" })}>
      New build
    </Link>
  ) : null;
  return (
    <Card
      title="Builds"
      actions={
        <>
          {builds.data?.length ? (
            <Link
              href={`/builds?projectId=${projectId}`}
              className="text-xs text-sky-700 hover:underline dark:text-sky-400"
            >
              All builds
            </Link>
          ) : null}
          {newBuild}
        </>
      }
    >
      {builds.isPending ? (
        <p className="text-sm text-slate-500">Loading builds…</p>
      ) : !builds.data?.length ? (
        <EmptyState title="No builds yet" action={newBuild}>
          {canWrite
            ? "Build an image from a git repository, an uploaded archive or a Dockerfile you write here."
            : "Developers of this project's tenant can start builds here."}
        </EmptyState>
      ) : (
        <BuildsTable builds={builds.data.slice(0, 10)} showProject={false} />
      )}
      {canWrite && apps.data?.length ? (
        <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-800">
          <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
            Build from source: a signed push to an app&apos;s webhook rebuilds its git source and deploys it
            as a new revision.
          </p>
          <ul className="flex flex-wrap gap-2">
            {apps.data.map((a) => (
              <li key={a.id}>
                <Button size="sm" variant="secondary" onClick={() => setHookApp(a)}>
                  Webhook: {a.name}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <AppWebhookDialog app={hookApp} onClose={() => setHookApp(null)} />
    </Card>
  );
}
