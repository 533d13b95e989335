"use client";
import { TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { TenantCreateInput, type TenantView } from "@/lib/validations/tenant";
import type { z } from "zod";

/** Checked with the create schema in both dialogs: an edit sends the same fields, under the same rules. */
export type TenantFormValues = z.output<typeof TenantCreateInput>;

/** The quota fields: name, label, value for a new tenant, and the step where whole numbers do not fit. */
const QUOTA_FIELDS = [
  ["maxContainers", "Max containers", 20, undefined],
  ["maxMemoryMb", "Max memory (MiB)", 4096, undefined],
  ["maxCpus", "Max CPUs", 4, "0.5"],
] as const;

/** Name and quotas; quotas are enforced when deploys are planned. */
export function TenantForm({
  initial,
  error,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: TenantView;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit: (v: TenantFormValues) => void;
  onCancel: () => void;
}) {
  const form = useSchemaForm(TenantCreateInput, error);
  const errors = fieldErrors(form.error);
  return (
    <form
      className="space-y-4"
      onSubmit={form.onSubmit(
        (_, f) => ({
          name: f.get("name"),
          maxContainers: Number(f.get("maxContainers")),
          maxMemoryMb: Number(f.get("maxMemoryMb")),
          maxCpus: Number(f.get("maxCpus")),
        }),
        onSubmit,
      )}
    >
      <TextField
        label="Name"
        name="name"
        defaultValue={initial?.name}
        required
        autoFocus
        error={errors.name ?? errors.slug}
      />
      <div className="grid grid-cols-3 gap-3">
        {QUOTA_FIELDS.map(([name, label, fallback, step]) => (
          <TextField
            key={name}
            label={label}
            name={name}
            type="number"
            min={0}
            step={step}
            defaultValue={initial?.[name] ?? fallback}
            error={errors[name]}
          />
        ))}
      </div>
      <FormActions
        error={form.error && !Object.keys(errors).length ? form.error : null}
        onCancel={onCancel}
        busy={busy}
        submit={submitLabel}
      />
    </form>
  );
}
