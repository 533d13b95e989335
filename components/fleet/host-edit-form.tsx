"use client";
import { useState } from "react";
import { formatLabels, labelsError, parseLabels } from "@/components/fleet/host-form";
import { Button } from "@/components/ui/button";
import { Field, TextField } from "@/components/ui/field";
import { FormError, fieldErrors } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import type { HostView } from "@/lib/validations/fleet";
import { HostUpdateInput } from "@/lib/validations/host";

/** Rename and relabel; the URL and certificates stay (remove and add the host again to change them). */
export function HostEditForm({
  host,
  onSubmit,
  onCancel,
  busy,
  error,
}: {
  host: HostView;
  onSubmit: (v: { name?: string; labels?: Record<string, string> }) => void;
  onCancel: () => void;
  busy: boolean;
  error: unknown;
}) {
  const [name, setName] = useState(host.name);
  const [labels, setLabels] = useState(formatLabels(host.labels));
  const form = useSchemaForm(HostUpdateInput, error);
  const fe = fieldErrors(form.error);
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const input = form.parse({ name, labels: parseLabels(labels) });
        if (input) onSubmit(input);
      }}
    >
      <FormError error={form.error} />
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fe.name}
        required
        autoFocus
      />
      <Field label="Labels" error={labelsError(fe)} hint="One key=value per line">
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={labels}
            onChange={(e) => setLabels(e.target.value)}
            className={`${p.className} font-mono text-xs`}
          />
        )}
      </Field>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" busy={busy}>
          Save
        </Button>
      </div>
    </form>
  );
}
