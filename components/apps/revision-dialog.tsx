"use client";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { useRevisionDiff } from "@/lib/client/hooks/use-apps";
import { RevisionDiff } from "./revision-diff";

const views = ["changes", "compose", "source"] as const;
type View = (typeof views)[number];
const labels: Record<View, string> = {
  changes: "Changes from current",
  compose: "Compose",
  source: "Source",
};
export type RevisionAsk = { number: number; rollback: boolean } | null;

/**
 * One revision: what going back to it changes (against the current one), its effective compose file and its
 * source. Asked for a rollback, the same dialog is the confirmation: the diff is on screen before anything applies.
 */
export function RevisionDialog({
  appId,
  ask,
  busy,
  onClose,
  onRollback,
}: {
  appId: string;
  ask: RevisionAsk;
  busy: boolean;
  onClose: () => void;
  onRollback: (n: number) => void;
}) {
  const diff = useRevisionDiff(appId, ask?.number ?? null);
  const [view, setView] = useState<View>("changes");
  const d = diff.data;
  const body = (
    <div className="space-y-3">
      <div role="tablist" aria-label="Revision views" className="flex gap-1 text-xs">
        {views.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            onClick={() => setView(v)}
            className={`rounded-md px-2.5 py-1 font-medium focus:ring-2 focus:ring-sky-500 focus:outline-none ${view === v ? "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-300" : "text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"}`}
          >
            {labels[v]}
          </button>
        ))}
      </div>
      {diff.isPending ? <p className="text-sm text-slate-500">Loading revision…</p> : null}
      <FormError error={diff.error} />
      {d && view === "changes" ? <RevisionDiff diff={d} /> : null}
      {d && view !== "changes" ? (
        <pre
          aria-label={view === "compose" ? "Effective compose file" : "Source"}
          className="max-h-[50vh] overflow-auto rounded bg-slate-100 p-3 font-mono text-xs dark:bg-slate-950"
        >
          {view === "compose" ? d.compose : d.source?.text || "No source was recorded for this revision."}
        </pre>
      ) : null}
    </div>
  );
  if (ask?.rollback)
    return (
      <ConfirmDialog
        open
        wide
        tone="primary"
        title={`Roll back to revision #${ask.number}?`}
        confirmLabel={`Roll back to #${ask.number}`}
        confirmDisabled={!d}
        busy={busy}
        onCancel={onClose}
        onConfirm={() => onRollback(ask.number)}
      >
        <p className="mb-3">
          Its spec is applied again, as a new revision. If that fails, the current revision keeps running.
        </p>
        {body}
      </ConfirmDialog>
    );
  return (
    <Dialog open={ask !== null} wide onClose={onClose} title={`Revision #${ask?.number ?? ""}`}>
      {body}
    </Dialog>
  );
}
