"use client";
import { useState } from "react";
import { formatLabels, parseLabels } from "@/components/fleet/host-form";
import { Button } from "@/components/ui/button";
import { Field, TextField } from "@/components/ui/field";
import { FormError, fieldErrors } from "@/components/ui/form-error";
import type { Host } from "@/lib/client/hooks/use-hosts";

/** Rename and relabel; the URL and certificates stay (remove and add the host again to change them). */
export function HostEditForm({
  host,
  onSubmit,
  onCancel,
  busy,
  error,
}: {
  host: Host;
  onSubmit: (v: { name: string; labels: Record<string, string> }) => void;
  onCancel: () => void;
  busy: boolean;
  error: unknown;
}) {
  const [name, setName] = useState(host.name);
  const [labels, setLabels] = useState(formatLabels(host.labels));
  const fe = fieldErrors(error);
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ name, labels: parseLabels(labels) });
      }}
    >
      <FormError error={error} />
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fe.name}
        required
        autoFocus
      />
      <Field
        label="Labels"
        error={fe.labels ?? Object.entries(fe).find(([k]) => k.startsWith("labels."))?.[1]}
        hint="One key=value per line"
      >
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
