"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import type { AppView } from "@/lib/validations/app";

const statusTone = (s: string) =>
  s === "running" ? "green" : s === "failed" ? "red" : s === "deploying" ? "amber" : "gray";

/**
 * Apps as a table; the project column appears when the list spans projects (`withProject` while loading).
 * `apps` undefined: still loading (placeholder rows).
 */
export function AppsTable({
  apps,
  withProject = false,
}: {
  apps?: (AppView & { projectName?: string })[];
  withProject?: boolean;
}) {
  const showProject = apps ? apps.some((a) => a.projectName !== undefined) : withProject;
  return (
    <Table label="Apps">
      <thead>
        <tr>
          <Th>Name</Th>
          {showProject ? <Th>Project</Th> : null}
          <Th>Status</Th>
          <Th>Target</Th>
          <Th>Host</Th>
          <Th>Revision</Th>
        </tr>
      </thead>
      <tbody>
        {apps ? null : <SkeletonRows columns={showProject ? 6 : 5} label="Loading apps…" />}
        {apps?.map((a) => (
          <tr key={a.id} data-testid={`app-row-${a.name}`}>
            <Td>
              <Link
                href={`/apps/${a.id}`}
                className="font-medium text-sky-700 hover:underline dark:text-sky-400"
              >
                {a.name}
              </Link>
            </Td>
            {showProject ? (
              <Td>
                <Link href={`/projects/${a.projectId}`} className="hover:underline">
                  {a.projectName}
                </Link>
              </Td>
            ) : null}
            <Td>
              <Badge tone={statusTone(a.status)}>{a.status}</Badge>
            </Td>
            <Td>{a.mode === "swarm" ? "Swarm" : "Standalone"}</Td>
            <Td>{a.hostName}</Td>
            <Td>{a.currentRevision ?? "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
