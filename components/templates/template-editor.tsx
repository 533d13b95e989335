"use client";
// An admin's own template: the compose file and, for each ${NAME} it uses, the form's label, default and
// whether it is secret. The rows follow the file as it is typed; the server checks the file on save.
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { bind, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/components/ui/form-error";
import { onFormSubmit, useSchemaForm } from "@/lib/client/form";
import { useTemplateMutations, type TemplateView } from "@/lib/client/hooks/use-templates";
import { isSecretName } from "@/lib/secrets/model";
import {
  composeVariableNames,
  TemplateInput,
  TemplatePatch,
  type TemplateVariable,
} from "@/lib/validations/template";

type Row = { label: string; default: string; secret: boolean };

const rowsOf = (t: TemplateView | null): Record<string, Row> =>
  Object.fromEntries(
    (t?.variables ?? []).map((v) => [v.name, { label: v.label, default: v.default ?? "", secret: v.secret }]),
  );

const textarea =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-sm focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900";

export function TemplateEditor({
  template,
  onClose,
}: {
  template: TemplateView | null;
  onClose: () => void;
}) {
  const { create, update } = useTemplateMutations();
  const mutation = template ? update : create;
  const [compose, setCompose] = useState(template?.compose ?? "services:\n  web:\n    image: \n");
  const [rows, setRows] = useState(rowsOf(template));
  // Checked with the route's own schema: POST /templates for a new one, PATCH /templates/{id} for an edit.
  const createForm = useSchemaForm(TemplateInput, create.error);
  const updateForm = useSchemaForm(TemplatePatch, update.error);
  const form = template ? updateForm : createForm;
  const errors = fieldErrors(form.error);
  const names = composeVariableNames(compose);
  const row = (n: string): Row => rows[n] ?? { label: n, default: "", secret: isSecretName(n) };
  const variables = (): TemplateVariable[] =>
    names.map((n) => {
      const r = row(n);
      return { name: n, label: r.label, secret: r.secret, ...(r.default ? { default: r.default } : {}) };
    });
  const close = () => {
    mutation.reset();
    form.reset();
    onClose();
  };
  /** A field filled with the template's value when editing, with its error. */
  const stored = (name: "name" | "category" | "description") => ({
    name,
    defaultValue: template?.[name],
    error: errors[name],
  });
  return (
    <Dialog open onClose={close} title={template ? `Edit ${template.name}` : "Add a template"}>
      <form
        className="max-h-[75vh] space-y-3 overflow-y-auto pr-1"
        onSubmit={onFormSubmit((_, f) => {
          const fields = {
            name: String(f.get("name") ?? ""),
            category: String(f.get("category") ?? ""),
            description: String(f.get("description") ?? ""),
            compose,
            variables: variables(),
          };
          if (template) {
            const patch = updateForm.parse(fields);
            if (patch) update.mutate({ id: template.id, patch }, { onSuccess: close });
          } else {
            const input = createForm.parse({ slug: String(f.get("slug") ?? ""), ...fields });
            if (input) create.mutate(input, { onSuccess: close });
          }
        })}
      >
        {template ? null : (
          <TextField label="Id" name="slug" required placeholder="team-site" error={errors.slug} />
        )}
        <TextField label="Name" required {...stored("name")} />
        <TextField label="Category" required {...stored("category")} placeholder="Web + database" />
        <TextField label="Description" {...stored("description")} />
        <label className="block space-y-1">
          <span className="block text-xs font-medium text-slate-700 dark:text-slate-300">Compose file</span>
          <textarea
            aria-label="Compose file"
            rows={10}
            spellCheck={false}
            {...bind(compose, setCompose)}
            aria-invalid={errors.compose ? true : undefined}
            className={textarea}
          />
          {errors.compose ? <span className="block text-xs text-red-600">{errors.compose}</span> : null}
        </label>
        {names.length > 0 ? (
          <fieldset className="space-y-2">
            <legend className="text-xs font-medium text-slate-700 dark:text-slate-300">
              Variables (a default makes one optional)
            </legend>
            {names.map((n, i) => {
              const r = row(n);
              const set = (patch: Partial<Row>) => setRows({ ...rows, [n]: { ...r, ...patch } });
              const bad = (k: "label" | "default") => errors[`variables.${i}.${k}`];
              return (
                <div key={n} className="grid gap-2 sm:grid-cols-[8rem_1fr_1fr_auto] sm:items-center">
                  <code className="truncate font-mono text-xs">{n}</code>
                  <input
                    aria-label={`Label of ${n}`}
                    aria-invalid={bad("label") ? true : undefined}
                    value={r.label}
                    onChange={(e) => set({ label: e.target.value })}
                    className={textarea}
                  />
                  <input
                    aria-label={`Default of ${n}`}
                    placeholder="required"
                    aria-invalid={bad("default") ? true : undefined}
                    value={r.default}
                    onChange={(e) => set({ default: e.target.value })}
                    className={textarea}
                  />
                  <label className="flex items-center gap-1 text-xs">
                    <input
                      type="checkbox"
                      checked={r.secret}
                      onChange={(e) => set({ secret: e.target.checked })}
                    />
                    Secret
                  </label>
                  {bad("label") || bad("default") ? (
                    <p className="text-xs text-red-600 sm:col-span-4">
                      {n}: {bad("label") ? `label ${bad("label")}` : `default ${bad("default")}`}
                    </p>
                  ) : null}
                </div>
              );
            })}
            {errors.variables ? <p className="text-xs text-red-600">{errors.variables}</p> : null}
          </fieldset>
        ) : null}
        <FormActions
          error={form.error}
          onCancel={close}
          busy={mutation.isPending}
          submit={template ? "Save" : "Add the template"}
        />
      </form>
    </Dialog>
  );
}
