"use client";
import { Card } from "@/components/ui/card";

/** The project's apps; the deploy feature fills this in. */
export function ProjectApps({ projectId }: { projectId: string; canWrite: boolean }) {
  return <Card title="Apps"><p className="text-slate-500" data-project={projectId}>Apps arrive with the deploy feature.</p></Card>;
}
