"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import { appKeys, type AppSummary } from "@/lib/client/hooks/use-apps";

const statusTone = (s: string) => (s === "running" ? "green" : s === "failed" ? "red" : s === "deploying" ? "amber" : "gray");

export function AllApps() {
  const apps = useQuery({ queryKey: [...appKeys.all, "everywhere"], queryFn: () => api<{ items: (AppSummary & { projectName: string })[] }>("/apps").then((r) => r.items) });
  if (apps.isPending) return <p className="text-slate-500">Loading apps…</p>;
  if (!apps.data?.length) {
    return <EmptyState title="No apps yet" action={<Link href="/projects" className="text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">Go to projects</Link>}>Open a project and choose “New app” or “Deploy the sample”.</EmptyState>;
  }
  return (
    <Table label="Apps">
      <thead><tr><Th>Name</Th><Th>Project</Th><Th>Status</Th><Th>Target</Th><Th>Host</Th><Th>Revision</Th></tr></thead>
      <tbody>
        {apps.data.map((a) => (
          <tr key={a.id}>
            <Td><Link href={`/apps/${a.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">{a.name}</Link></Td>
            <Td><Link href={`/projects/${a.projectId}`} className="hover:underline">{a.projectName}</Link></Td>
            <Td><Badge tone={statusTone(a.status)}>{a.status}</Badge></Td>
            <Td>{a.mode === "swarm" ? "Swarm" : "Standalone"}</Td>
            <Td>{a.hostName}</Td>
            <Td>{a.currentRevision ?? "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
