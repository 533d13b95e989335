"use client";
import { BuildStatusBadge } from "@/components/builds/build-status-badge";
import { buildImageName, buildTitle, describeSource, formatDuration } from "@/components/builds/format";
import { formatTime, shortId } from "@/components/format";
import { RowLink } from "@/components/ui/row-link";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, Td } from "@/components/ui/table";
import type { BuildView } from "@/lib/validations/build";

/**
 * Builds, newest first, each named by its source (repository @ ref, file or inline): status, project, who, when, how
 * long. `builds` undefined: still loading (placeholder rows).
 */
export function BuildsTable({ builds, showProject = true }: { builds?: BuildView[]; showProject?: boolean }) {
  return (
    <Table
      label="Builds"
      head={["Build", "Status", "Image", showProject && "Project", "Started by", "When", "Duration"]}
    >
      <tbody>
        {builds ? null : <SkeletonRows columns={showProject ? 7 : 6} label="Loading builds…" />}
        {builds?.map((b) => (
          <tr key={b.id} data-testid={`build-row-${b.id}`}>
            <Td className="max-w-80">
              <RowLink href={`/builds/${b.id}`} className="block truncate" title={describeSource(b)}>
                {buildTitle(b)}
              </RowLink>
              <span className="font-mono text-[11px] text-slate-500">
                {b.commit ? shortId(b.commit) : b.id.slice(-8)}
              </span>
              {b.appId ? <span className="ml-1 text-[11px] text-slate-500">webhook</span> : null}
            </Td>
            <Td>
              <BuildStatusBadge build={b} />
            </Td>
            <Td className="max-w-56">
              <code className="block truncate font-mono text-xs" title={b.tags.join("\n")}>
                {buildImageName(b) || "—"}
              </code>
            </Td>
            {showProject ? <Td>{b.projectName}</Td> : null}
            <Td className="text-slate-600 dark:text-slate-400">{b.createdBy ?? "—"}</Td>
            <Td className="whitespace-nowrap text-slate-500">{formatTime(b.createdAt)}</Td>
            <Td className="whitespace-nowrap text-slate-500">{formatDuration(b.durationMs)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
