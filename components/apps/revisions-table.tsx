"use client";
import { formatTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import type { Revision } from "@/lib/client/hooks/use-apps";

const tone = (o: string) => (o === "succeeded" ? "green" : o === "failed" ? "red" : "amber");

/** Every apply: who, when, outcome and message; roll back to any other one that ran, in one click. */
export function RevisionsTable({
  revisions,
  canWrite,
  busy,
  onRollback,
}: {
  revisions: Revision[];
  canWrite: boolean;
  busy: boolean;
  onRollback: (n: number) => void;
}) {
  return (
    <Table label="Revisions">
      <thead>
        <tr>
          <Th>#</Th>
          <Th>Outcome</Th>
          <Th>What</Th>
          <Th>By</Th>
          <Th>When</Th>
          {canWrite ? <Th className="text-right">Actions</Th> : null}
        </tr>
      </thead>
      <tbody>
        {revisions.map((r) => (
          <tr key={r.id} data-testid={`revision-${r.number}`}>
            <Td className="font-medium">
              {r.number}
              {r.current ? (
                <span className="ml-2">
                  <Badge tone="blue">current</Badge>
                </span>
              ) : null}
            </Td>
            <Td>
              <Badge tone={tone(r.outcome)}>{r.outcome}</Badge>
            </Td>
            <Td className="max-w-md text-xs text-slate-600 dark:text-slate-400">
              {r.message || r.sourceType}
            </Td>
            <Td className="text-xs">{r.createdBy ?? "—"}</Td>
            <Td className="text-xs text-slate-500">{formatTime(r.createdAt)}</Td>
            {canWrite ? (
              <Td className="text-right">
                {!r.current && r.outcome === "succeeded" ? (
                  <Button size="sm" variant="ghost" disabled={busy} onClick={() => onRollback(r.number)}>
                    Roll back to #{r.number}
                  </Button>
                ) : null}
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
