"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { useBulkContainerAction, type BulkAction } from "@/lib/client/hooks/use-container";
import type { ContainerView } from "@/lib/validations/fleet-views";
import { readableName, type Names } from "./container-row";

const ACTIONS: BulkAction[] = ["start", "stop", "restart", "remove"];
const verb = (a: BulkAction) => a[0].toUpperCase() + a.slice(1);
const WHAT: Record<BulkAction, string> = {
  start: "Stopped containers are started; running ones stay as they are.",
  stop: "Each process gets SIGTERM and 10 seconds to exit before SIGKILL. Open consoles and log followers are cut.",
  restart:
    "Each container is stopped (SIGTERM, then SIGKILL after 10 s) and started again. Open consoles and log followers are cut.",
  remove:
    "Each container and its writable layer are deleted, running ones killed first; named volumes are kept. This cannot be undone. An app's service may start a replacement at its next deploy.",
};

/**
 * The selected rows' actions: the dialog says what will happen to which containers, then shows each row's result
 * (the server authorizes every row on its own: one refused or failed row never stops the others).
 */
export function BulkActions({
  selected,
  names,
  onClear,
}: {
  selected: ContainerView[];
  names: Names;
  onClear: () => void;
}) {
  const [action, setAction] = useState<BulkAction | null>(null);
  const bulk = useBulkContainerAction();
  const close = () => {
    if (bulk.data) onClear();
    setAction(null);
    bulk.reset();
  };
  const results = new Map((bulk.data?.results ?? []).map((r) => [r.id, r]));
  const label = (c: ContainerView) => {
    const n = readableName(c, names);
    return n.app ? `${n.replica} · ${n.app}` : n.replica;
  };
  return (
    <div
      role="toolbar"
      aria-label="Selected containers"
      className="mb-3 flex min-h-9 flex-wrap items-center gap-2 text-sm"
    >
      <span className="text-slate-600 dark:text-slate-400" data-testid="selected-count">
        {selected.length ? `${selected.length} selected` : "Select rows to act on several containers"}
      </span>
      {selected.length
        ? ACTIONS.map((a) => (
            <Button
              key={a}
              size="sm"
              variant={a === "remove" ? "danger" : "secondary"}
              onClick={() => setAction(a)}
            >
              {verb(a)}…
            </Button>
          ))
        : null}
      {selected.length ? (
        <Button size="sm" variant="ghost" onClick={onClear}>
          Clear selection
        </Button>
      ) : null}
      <Dialog
        open={action !== null}
        wide
        onClose={close}
        title={
          action ? `${verb(action)} ${selected.length} container${selected.length === 1 ? "" : "s"}?` : ""
        }
      >
        {action ? (
          <div className="space-y-4 text-sm">
            <p className="text-slate-700 dark:text-slate-300">{WHAT[action]}</p>
            <ul aria-label="Containers" className="max-h-[40vh] space-y-1 overflow-auto">
              {selected.map((c) => {
                const r = results.get(c.id);
                return (
                  <li key={c.id} data-testid="bulk-row" className="flex flex-wrap items-center gap-2">
                    <span className="font-medium" title={c.name}>
                      {label(c)}
                    </span>
                    <span className="font-mono text-[11px] text-slate-400">{c.id.slice(0, 12)}</span>
                    {r ? (
                      <span data-testid="bulk-result" className="flex items-center gap-1.5">
                        <Badge tone={r.ok ? "green" : "red"}>{r.ok ? "done" : `failed (${r.status})`}</Badge>
                        {r.error ? <span className="text-xs text-red-700">{r.error.message}</span> : null}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <FormError error={bulk.error} />
            <div className="flex justify-end gap-2">
              {bulk.data ? (
                <Button onClick={close}>Done</Button>
              ) : (
                <>
                  <Button variant="secondary" onClick={close} disabled={bulk.isPending}>
                    Cancel
                  </Button>
                  <Button
                    variant={action === "remove" ? "danger" : "primary"}
                    busy={bulk.isPending}
                    onClick={() => bulk.mutate({ action, ids: selected.map((c) => c.id) })}
                  >
                    {verb(action)} {selected.length}
                  </Button>
                </>
              )}
            </div>
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}
