"use client";
import { formatTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { actionsColumn, Table, Td } from "@/components/ui/table";
import type { RevisionView } from "@/lib/validations/app";

const tone = (o: string) => (o === "succeeded" ? "green" : o === "failed" ? "red" : "amber");

/**
 * Every apply: who, when, outcome and message. Each can be viewed (diffed against the current one); one that ran and
 * is not current can be rolled back to, after the same diff is shown. A failed revision is never offered.
 */
export function RevisionsTable({
  revisions,
  canWrite,
  busy,
  onOpen,
}: {
  revisions: RevisionView[];
  canWrite: boolean;
  busy: boolean;
  onOpen: (ask: { number: number; rollback: boolean }) => void;
}) {
  return (
    <Table label="Revisions" head={["#", "Outcome", "What", "By", "When", actionsColumn]}>
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
            <Td className="text-right whitespace-nowrap">
              <Button
                size="sm"
                variant="ghost"
                aria-label={`View revision #${r.number}`}
                onClick={() => onOpen({ number: r.number, rollback: false })}
              >
                View
              </Button>
              {canWrite && !r.current && r.outcome === "succeeded" ? (
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={busy}
                  onClick={() => onOpen({ number: r.number, rollback: true })}
                >
                  Roll back to #{r.number}…
                </Button>
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
