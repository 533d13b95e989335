"use client";
import { useState } from "react";
import { formatLabels, LabelsField, NodeExporterField, parseLabels } from "@/components/fleet/host-form";
import { bind, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { FormError, fieldErrors } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import type { HostView } from "@/lib/validations/fleet";
import { HostUpdateInput } from "@/lib/validations/host";

/** Rename, relabel, set or remove the node exporter; the engine URL and certificates stay (remove and add the host again to change them). */
export function HostEditForm({
  host,
  onSubmit,
  onCancel,
  busy,
  error,
}: {
  host: HostView;
  onSubmit: (v: { name?: string; labels?: Record<string, string>; nodeExporterUrl?: string | null }) => void;
  onCancel: () => void;
  busy: boolean;
  error: unknown;
}) {
  const [name, setName] = useState(host.name);
  const [labels, setLabels] = useState(formatLabels(host.labels));
  const [exporter, setExporter] = useState(host.nodeExporterUrl ?? "");
  const form = useSchemaForm(HostUpdateInput, error);
  const fe = fieldErrors(form.error);
  return (
    <form
      className="space-y-3"
      onSubmit={form.onSubmit(
        () => ({ name, labels: parseLabels(labels), nodeExporterUrl: exporter.trim() || null }),
        onSubmit,
      )}
    >
      <FormError error={form.error} />
      <TextField label="Name" {...bind(name, setName)} error={fe.name} required autoFocus />
      <LabelsField fe={fe} rows={3} value={labels} onChange={setLabels} />
      <NodeExporterField value={exporter} onChange={setExporter} error={fe.nodeExporterUrl} />
      <FormActions onCancel={onCancel} busy={busy} />
    </form>
  );
}
