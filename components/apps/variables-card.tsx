"use client";
// The app's variables, edited like a .env file: ${NAME} in its compose files and the contents of its compose
// secrets/configs. A secret is write-only: left empty it keeps its stored value, which is never shown.
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { SkeletonLines } from "@/components/ui/skeleton";
import {
  useAppVariables,
  useSaveAppVariables,
  type VariableDraft,
} from "@/lib/client/hooks/use-app-variables";
import { listEdits } from "@/lib/client/list-edits";
import { isSecretName } from "@/lib/secrets/model";
import { parseDotEnv } from "@/lib/validations/app-variables";

/** `stored`: the server has a value (a secret's is not shown; leaving the field empty keeps it). */
type Row = { name: string; value: string; secret: boolean; stored: boolean };

const input =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900";

export function VariablesCard({ appId, canWrite }: { appId: string; canWrite: boolean }) {
  const query = useAppVariables(appId);
  const save = useSaveAppVariables(appId);
  const [rows, setRows] = useState<Row[] | null>(null);
  // Until the person edits, the rows follow the server's list (a refetch after a deploy or a save elsewhere).
  const [edited, setEdited] = useState(false);
  const [dotEnv, setDotEnv] = useState<string | null>(null);
  const [pasteErrors, setPasteErrors] = useState<string[]>([]);
  useEffect(() => {
    if (query.data && !edited)
      setRows(
        query.data.map((v) => ({ name: v.name, value: v.value ?? "", secret: v.secret, stored: true })),
      );
  }, [query.data, edited]);
  const errors = fieldErrors(save.error);
  if (query.isError && rows === null)
    return (
      <Card title="Variables">
        <FormError error={query.error} />
        <Button className="mt-3" variant="secondary" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </Card>
    );
  if (query.isPending || rows === null)
    return (
      <Card title="Variables">
        <SkeletonLines />
      </Card>
    );
  const edit = (next: Row[]) => {
    setEdited(true);
    setRows(next);
  };
  const { update, remove } = listEdits(rows, edit);
  const toDraft = (r: Row): VariableDraft =>
    r.stored && r.secret && r.value === "" ? { name: r.name, secret: true } : r;

  function addDotEnv() {
    const parsed = parseDotEnv(dotEnv ?? "");
    setPasteErrors(parsed.errors);
    const next = [...(rows ?? [])];
    for (const v of parsed.variables) {
      const at = next.findIndex((r) => r.name === v.name);
      const row = { ...v, secret: isSecretName(v.name), stored: false };
      if (at >= 0) next[at] = { ...row, secret: next[at].secret || row.secret };
      else next.push(row);
    }
    edit(next);
    if (parsed.errors.length === 0) setDotEnv(null);
  }

  return (
    <Card title="Variables">
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Values for <span className="font-mono">${"{NAME}"}</span> in this app&apos;s compose files and for its{" "}
        <span className="font-mono">secrets:</span>/<span className="font-mono">configs:</span> (
        <span className="font-mono">environment: NAME</span>). Secret values are stored encrypted and never
        shown again. The server&apos;s own environment is never read.
      </p>
      {rows.length === 0 ? <p className="mb-3 text-sm text-slate-500">No variables yet.</p> : null}
      <ul className="space-y-2" aria-label="Variables">
        {rows.map((r, i) => (
          <li key={i} className="grid gap-2 sm:grid-cols-[12rem_minmax(0,1fr)_auto_auto] sm:items-center">
            <input
              aria-label="Name"
              className={`${input} font-mono`}
              value={r.name}
              readOnly={!canWrite || r.stored}
              aria-invalid={errors[`variables.${i}.name`] ? true : undefined}
              onChange={(e) => update(i, { name: e.target.value })}
            />
            <input
              aria-label={`Value of ${r.name || "new variable"}`}
              className={input}
              type={r.secret ? "password" : "text"}
              autoComplete="off"
              value={r.value}
              readOnly={!canWrite}
              placeholder={r.stored && r.secret ? "secret — stored; type to replace" : ""}
              aria-invalid={errors[`variables.${i}.value`] ? true : undefined}
              onChange={(e) => update(i, { value: e.target.value })}
            />
            <label className="flex items-center gap-2 text-xs">
              <input
                type="checkbox"
                checked={r.secret}
                disabled={!canWrite}
                onChange={(e) => update(i, { secret: e.target.checked })}
                className="size-4 rounded"
              />
              Secret
            </label>
            {canWrite ? (
              <Button variant="ghost" size="sm" onClick={() => remove(i)}>
                Remove
              </Button>
            ) : null}
            {errors[`variables.${i}.value`] || errors[`variables.${i}.name`] ? (
              <p className="text-xs text-red-600 sm:col-span-4">
                {errors[`variables.${i}.name`] ?? errors[`variables.${i}.value`]}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <div className="mt-3 space-y-3">
          {dotEnv !== null ? (
            <div className="space-y-2">
              <textarea
                aria-label=".env text"
                className={`${input} h-28 font-mono`}
                placeholder={"DB_HOST=db\nDB_PASSWORD=…"}
                value={dotEnv}
                onChange={(e) => setDotEnv(e.target.value)}
              />
              {pasteErrors.length > 0 ? (
                <p className="text-xs text-red-600">{pasteErrors.join("; ")}</p>
              ) : null}
              <Button size="sm" variant="secondary" onClick={addDotEnv}>
                Add these
              </Button>
            </div>
          ) : null}
          <FormError error={save.error} />
          <div className="flex flex-wrap justify-end gap-2">
            <Button
              variant="ghost"
              size="sm"
              onClick={() => edit([...rows, { name: "", value: "", secret: false, stored: false }])}
            >
              Add variable
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setDotEnv(dotEnv === null ? "" : null)}>
              Paste a .env file…
            </Button>
            <Button
              size="sm"
              busy={save.isPending}
              onClick={() =>
                save.mutate(
                  { variables: rows.map(toDraft), mode: "PUT" },
                  {
                    onSuccess: (r) => {
                      // The saved list is in the query's cache (useSaveAppVariables): the rows follow it again.
                      setEdited(false);
                      toast.success(`Variables saved (${r.variables.length}); they apply on the next deploy`);
                    },
                  },
                )
              }
            >
              Save variables
            </Button>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
