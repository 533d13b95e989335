"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { AppsTable } from "@/components/apps/apps-table";
import { EmptyState } from "@/components/ui/empty-state";
import { allAppsQuery } from "@/lib/client/hooks/use-apps";
import { useTenantHref, useTenantScope } from "@/lib/client/tenant-context";

export function AppsView() {
  const apps = useQuery(allAppsQuery(useTenantScope()));
  const href = useTenantHref();
  if (apps.isPending) return <AppsTable withProject />;
  if (!apps.data?.length) {
    return (
      <EmptyState
        title="No apps yet"
        action={
          <Link
            href={href("/projects")}
            className="text-sm font-medium text-sky-700 hover:underline dark:text-sky-400"
          >
            Go to projects
          </Link>
        }
      >
        Open a project and choose “New app” or “Deploy the sample”.
      </EmptyState>
    );
  }
  return <AppsTable apps={apps.data} />;
}
