"use client";
import Link from "next/link";
import { useState } from "react";
import { BuildFacts } from "@/components/builds/build-facts";
import { BuildLogView } from "@/components/builds/build-log-view";
import { BuildStatusBadge } from "@/components/builds/build-status-badge";
import { buildImageName, buildTitle } from "@/components/builds/format";
import { PushDialog } from "@/components/builds/push-dialog";
import { formatBytes } from "@/components/format";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/form-error";
import { PageHeader } from "@/components/ui/page-header";
import { isActive, useBuild, useBuildMutations } from "@/lib/client/hooks/use-builds";
import type { BuildView } from "@/lib/validations/build";

type Props = { id: string; initial: BuildView; canWrite: boolean; logMaxBytes: number };

export function BuildPageView({ id, initial, canWrite, logMaxBytes }: Props) {
  const query = useBuild(id);
  const build = query.data ?? initial;
  const { cancel } = useBuildMutations();
  const [confirming, setConfirming] = useState(false);
  const [pushing, setPushing] = useState(false);
  const active = isActive(build.status);
  const title = buildTitle(build);
  const image = buildImageName(build);
  const deployable = build.status === "succeeded" && !!build.imageId;
  return (
    <>
      <Breadcrumb
        trail={[
          { label: "Builds", href: "/builds" },
          { label: build.projectName, href: `/projects/${build.projectId}` },
          { label: title, current: true },
        ]}
      />
      <PageHeader
        title={title}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <BuildStatusBadge build={build} />
            {image ? (
              <span>
                image <code className="font-mono text-xs">{image}</code>
              </span>
            ) : null}
            {build.queuePosition ? (
              <span>
                waiting for a build slot (position {build.queuePosition} in this tenant&apos;s queue)
              </span>
            ) : null}
          </span>
        }
        actions={
          canWrite ? (
            <>
              {active ? (
                <Button variant="danger" onClick={() => setConfirming(true)}>
                  Cancel build
                </Button>
              ) : null}
              {build.status === "succeeded" ? (
                <Button variant="secondary" onClick={() => setPushing(true)}>
                  Push to registry
                </Button>
              ) : null}
              {deployable ? (
                <Link href={`/apps/new?build=${build.id}`} className={buttonClass()}>
                  Deploy this image
                </Link>
              ) : null}
            </>
          ) : null
        }
      />
      {build.error && build.status !== "succeeded" ? (
        <div className="mb-4">
          <FormError error={new Error(build.error)} />
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <section aria-label="Log" className="min-w-0">
          <BuildLogView
            buildId={id}
            truncatedNote={
              build.logTruncated
                ? `The log reached the ${formatBytes(logMaxBytes)} limit; later output was not kept.`
                : null
            }
          />
        </section>
        <Card title="Details">
          <BuildFacts build={build} />
        </Card>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Cancel this build?"
        confirmLabel="Cancel build"
        busy={cancel.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => cancel.mutate(id, { onSettled: () => setConfirming(false) })}
      >
        The engine stops the step that is running and no image is produced. The log so far is kept.
      </ConfirmDialog>
      <PushDialog build={build} open={pushing} onClose={() => setPushing(false)} />
    </>
  );
}
