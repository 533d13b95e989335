"use client";
import Link from "next/link";
import { BuildStatusBadge } from "@/components/builds/build-status-badge";
import { describeSource, formatDuration } from "@/components/builds/format";
import { formatTime, shortId } from "@/components/format";
import { Table, Td, Th } from "@/components/ui/table";
import type { Build } from "@/lib/client/hooks/use-builds";

/** Builds, newest first: status (with queue position), source, project, who, when, how long. */
export function BuildsTable({ builds, showProject = true }: { builds: Build[]; showProject?: boolean }) {
  return (
    <Table label="Builds">
      <thead>
        <tr>
          <Th>Build</Th>
          <Th>Status</Th>
          <Th>Source</Th>
          {showProject ? <Th>Project</Th> : null}
          <Th>Started by</Th>
          <Th>When</Th>
          <Th>Duration</Th>
        </tr>
      </thead>
      <tbody>
        {builds.map((b) => (
          <tr key={b.id} data-testid={`build-row-${b.id}`}>
            <Td>
              <Link
                href={`/builds/${b.id}`}
                className="font-mono text-xs font-medium text-sky-700 hover:underline dark:text-sky-400"
              >
                {b.id.slice(-8)}
              </Link>
              {b.appId ? <span className="ml-1 text-[11px] text-slate-500">webhook</span> : null}
            </Td>
            <Td>
              <BuildStatusBadge build={b} />
            </Td>
            <Td className="max-w-72">
              <span className="block truncate" title={describeSource(b)}>
                {describeSource(b)}
              </span>
              {b.commit ? (
                <span className="font-mono text-[11px] text-slate-500">{shortId(b.commit)}</span>
              ) : null}
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
