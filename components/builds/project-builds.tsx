"use client";
import { Card } from "@/components/ui/card";

/** The project's builds; the builds feature fills this in. */
export function ProjectBuilds({ projectId }: { projectId: string; canWrite: boolean }) {
  return <Card title="Builds"><p className="text-slate-500" data-project={projectId}>Builds arrive with the builds feature.</p></Card>;
}
