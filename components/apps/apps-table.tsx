"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RowLink } from "@/components/ui/row-link";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, Td } from "@/components/ui/table";
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
    <Table label="Apps" head={["Name", showProject && "Project", "Status", "Target", "Host", "Revision"]}>
      <tbody>
        {apps ? null : <SkeletonRows columns={showProject ? 6 : 5} label="Loading apps…" />}
        {apps?.map((a) => (
          <tr key={a.id} data-testid={`app-row-${a.name}`}>
            <Td>
              <RowLink href={`/apps/${a.id}`}>{a.name}</RowLink>
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
