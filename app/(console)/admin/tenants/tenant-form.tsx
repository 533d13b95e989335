"use client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { TenantCreateInput, type TenantView } from "@/lib/validations/tenant";
import type { z } from "zod";

/** Checked with the create schema in both dialogs: an edit sends the same fields, under the same rules. */
export type TenantFormValues = z.output<typeof TenantCreateInput>;

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
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const values = form.parse({
          name: f.get("name"),
          maxContainers: Number(f.get("maxContainers")),
          maxMemoryMb: Number(f.get("maxMemoryMb")),
          maxCpus: Number(f.get("maxCpus")),
        });
        if (values) onSubmit(values);
      }}
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
        <TextField
          label="Max containers"
          name="maxContainers"
          type="number"
          min={0}
          defaultValue={initial?.maxContainers ?? 20}
          error={errors.maxContainers}
        />
        <TextField
          label="Max memory (MiB)"
          name="maxMemoryMb"
          type="number"
          min={0}
          defaultValue={initial?.maxMemoryMb ?? 4096}
          error={errors.maxMemoryMb}
        />
        <TextField
          label="Max CPUs"
          name="maxCpus"
          type="number"
          min={0}
          step="0.5"
          defaultValue={initial?.maxCpus ?? 4}
          error={errors.maxCpus}
        />
      </div>
      <FormError error={form.error && !Object.keys(errors).length ? form.error : null} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
