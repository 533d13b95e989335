"use client";
import Link from "next/link";
import { BuildsTable } from "@/components/builds/builds-table";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { RecordOptions, SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { useBuilds } from "@/lib/client/hooks/use-builds";
import { useProjects } from "@/lib/client/hooks/use-projects";
import { useTenantScope } from "@/lib/client/tenant-context";
import { useUrlFilters } from "@/lib/client/use-url-filters";

const KEYS = ["projectId", "status"] as const;

/** Builds across every project the user can see; project and status filters live in the URL. */
export function BuildsView({ canBuild }: { canBuild: boolean }) {
  const { filters, setFilter } = useUrlFilters(KEYS);
  const tenantId = useTenantScope();
  const builds = useBuilds({
    tenantId,
    projectId: filters.projectId || undefined,
    status: filters.status || undefined,
  });
  const projects = useProjects(tenantId);
  const newHref = `/builds/new${filters.projectId ? `?projectId=${filters.projectId}` : ""}`;
  const filtered = !!(filters.projectId || filters.status);
  return (
    <>
      <PageHeader
        title="Builds"
        description="Images built from git, an uploaded archive or a Dockerfile — with their live logs and history."
        actions={
          canBuild ? (
            <Link href={newHref} className={buttonClass()}>
              New build
            </Link>
          ) : null
        }
      />
      <div className="mb-4 grid max-w-xl grid-cols-2 gap-3">
        <SelectField
          label="Project"
          value={filters.projectId}
          onChange={(e) => setFilter("projectId", e.target.value)}
        >
          <option value="">All projects</option>
          <RecordOptions of={projects.data} label={(p) => `${p.name} (${p.tenantName})`} />
        </SelectField>
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(e) => setFilter("status", e.target.value)}
        >
          <option value="">Any status</option>
          {["queued", "running", "succeeded", "failed", "cancelled"].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
      </div>
      {builds.isPending ? (
        <BuildsTable />
      ) : builds.error ? (
        <p role="alert" className="text-red-600">
          {builds.error.message}
        </p>
      ) : !builds.data?.length ? (
        <EmptyState
          title={filtered ? "No builds match these filters" : "No builds yet"}
          action={
            canBuild && !filtered ? (
              <Link href={newHref} className={buttonClass()}>
                Start a build
              </Link>
            ) : null
          }
        >
          {filtered
            ? "Clear a filter to see more builds."
            : canBuild
              ? "Start a build from a git repository, an archive or a Dockerfile you write in the browser."
              : "Builds started in your projects appear here."}
        </EmptyState>
      ) : (
        <BuildsTable builds={builds.data} />
      )}
    </>
  );
}
