"use client";
// The variables a plan said were missing (422 missing_variables): one field each, marked secret when the name
// says so. Values live in the caller's state, so nothing typed is lost when the next answer is another error.
import { Button } from "@/components/ui/button";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import type { VariableDraft } from "@/lib/client/hooks/use-app-variables";
import { isSecretName } from "@/lib/secrets/model";
import { VariablesInput } from "@/lib/validations/app-variables";

export type VariableValues = Record<string, { value: string; secret: boolean }>;

/** Names and reasons from a 422 missing_variables answer's fields (`variables.NAME`). */
export function missingFrom(fields: Record<string, string>): [string, string][] {
  return Object.entries(fields)
    .filter(([k]) => k.startsWith("variables."))
    .map(([k, why]) => [k.slice("variables.".length), why]);
}

export const draftOf = (values: VariableValues, name: string) =>
  values[name] ?? { value: "", secret: isSecretName(name) };

type Props = {
  missing: [string, string][];
  values: VariableValues;
  onChange: (v: VariableValues) => void;
  /** The list the submit sends (checked with the server's schema; its errors are keyed by index). */
  variables: VariableDraft[];
  /** The last answer's error: a refused value shows on its field. */
  error: unknown;
  onSubmit: () => void;
  busy: boolean;
};

export function MissingVariablesForm({ missing, values, onChange, variables, error, onSubmit, busy }: Props) {
  const form = useSchemaForm(VariablesInput, error);
  const fe = fieldErrors(form.error);
  /** The error of the variable `name` (`variables.<its index>.value` or `.name`). */
  const errorOf = (name: string) => {
    const i = variables.findIndex((v) => v.name === name);
    return fe[`variables.${i}.value`] ?? fe[`variables.${i}.name`];
  };
  return (
    <form
      aria-label="Missing variables"
      className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950/40"
      onSubmit={form.onSubmit(() => ({ variables }), onSubmit)}
    >
      <p className="text-sm text-amber-900 dark:text-amber-200">
        This file needs {missing.length === 1 ? "a variable" : `${missing.length} variables`} the app does not
        have yet. They are saved as the app&apos;s variables; secret ones are stored encrypted and never shown
        again.
      </p>
      {missing.map(([name, why]) => {
        const d = draftOf(values, name);
        const set = (patch: Partial<typeof d>) => onChange({ ...values, [name]: { ...d, ...patch } });
        const bad = errorOf(name);
        return (
          <div key={name} className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-end">
            <label className="block space-y-1">
              <span className="block font-mono text-xs font-medium text-slate-700 dark:text-slate-300">
                {name}
              </span>
              <input
                aria-label={`Value of ${name}`}
                type={d.secret ? "password" : "text"}
                autoComplete="off"
                value={d.value}
                onChange={(e) => set({ value: e.target.value })}
                aria-invalid={bad ? true : undefined}
                className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900"
              />
              {bad ? (
                <span className="block text-xs break-words text-red-600 dark:text-red-400">{bad}</span>
              ) : null}
              <span className="block text-xs break-words text-slate-500">{why}</span>
            </label>
            <label className="flex items-center gap-2 pb-6 text-xs text-slate-700 dark:text-slate-300">
              <input
                type="checkbox"
                checked={d.secret}
                onChange={(e) => set({ secret: e.target.checked })}
                className="size-4 rounded focus:ring-2 focus:ring-sky-500"
              />
              Secret
            </label>
          </div>
        );
      })}
      {/* The browser's check of a value no field here shows (the server's own error shows above the form). */}
      {form.error !== error && !missing.some(([n]) => errorOf(n)) ? <FormError error={form.error} /> : null}
      <div className="flex justify-end">
        <Button type="submit" busy={busy} disabled={busy}>
          Save variables and review plan
        </Button>
      </div>
    </form>
  );
}
