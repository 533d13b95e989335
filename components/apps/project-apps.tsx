"use client";
import Link from "next/link";
import { AppsTable } from "@/components/apps/apps-table";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useApps } from "@/lib/client/hooks/use-apps";

/** The project's apps, with "New app" and "Deploy the sample". */
export function ProjectApps({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const apps = useApps(projectId);
  const actions = canWrite ? (
    <>
      <Link
        href={`/apps/new?project=${projectId}&sample=1`}
        className={buttonClass({ variant: "secondary", size: "sm" })}
      >
        Deploy the sample
      </Link>
      <Link href={`/apps/new?project=${projectId}`} className={buttonClass({ size: "sm" })}>
        New app
      </Link>
    </>
  ) : null;
  return (
    <Card title="Apps" actions={actions}>
      {apps.isPending ? (
        <AppsTable />
      ) : !apps.data?.length ? (
        <EmptyState title="No apps yet">
          {canWrite
            ? "Create an app from an image or a compose file — or deploy the voting-app sample to see how it works."
            : "Apps deployed in this project appear here. Deploying needs the developer or owner role."}
        </EmptyState>
      ) : (
        <AppsTable apps={apps.data} />
      )}
    </Card>
  );
}
