"use client";
import { useState } from "react";
import { bind, bindNamed, Field, TextField, type ControlProps } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorUnder, FormError, fieldErrors } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { HostCreateInput } from "@/lib/validations/host";
import type { z } from "zod";

export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t) continue;
    const eq = t.indexOf("=");
    out[eq < 0 ? t : t.slice(0, eq).trim()] = eq < 0 ? "" : t.slice(eq + 1).trim();
  }
  return out;
}
/** A label's key or value error (`labels.<key>`) shown under the one labels box. */
const labelsError = (fe: Record<string, string>) => fe.labels ?? errorUnder(fe, "labels.");

/** The host's labels as one key=value-per-line box (adding and editing a host). */
export function LabelsField({
  fe,
  value,
  onChange,
  rows,
  name,
}: {
  /** The form's field errors: any `labels.<key>` one shows under the box. */
  fe: Record<string, string>;
  value: string;
  onChange: (text: string) => void;
  rows: number;
  name?: string;
}) {
  return (
    <Field label="Labels" error={labelsError(fe)} hint="One key=value per line">
      {(p) => (
        <textarea
          {...p}
          name={name}
          rows={rows}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={`${p.className} font-mono text-xs`}
        />
      )}
    </Field>
  );
}
export const formatLabels = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");

const PEM_FIELDS = [
  ["ca", "CA certificate"],
  ["cert", "Client certificate"],
  ["key", "Client key"],
] as const;

function PemField({ label, name, value, onChange, error }: { label: string; name: string } & ControlProps) {
  return (
    <Field label={label} error={error} hint="Paste the PEM, or load it from a file">
      {(p) => (
        <div className="space-y-1">
          <textarea
            {...p}
            name={name}
            rows={2}
            className={`${p.className} font-mono text-[11px]`}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            placeholder="-----BEGIN …-----"
            spellCheck={false}
          />
          <input
            type="file"
            accept=".pem,.crt,.key,text/plain"
            aria-label={`${label} file`}
            className="block text-xs text-slate-600 file:mr-2 file:rounded file:border-0 file:bg-slate-100 file:px-2 file:py-1 dark:text-slate-400 dark:file:bg-slate-800"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) onChange(await f.text());
            }}
          />
        </div>
      )}
    </Field>
  );
}

/** Add a host: unix socket path or tcp:// with TLS client certificates. The server tests the connection before saving. */
export function HostForm({
  onSubmit,
  onCancel,
  busy,
  error,
}: {
  onSubmit: (v: z.output<typeof HostCreateInput>) => void;
  onCancel: () => void;
  busy: boolean;
  error: unknown;
}) {
  const [name, setName] = useState("");
  const [url, setUrl] = useState("unix:///var/run/docker.sock");
  const [tls, setTls] = useState({ ca: "", cert: "", key: "" });
  const [labels, setLabels] = useState("");
  const [exporter, setExporter] = useState("");
  const form = useSchemaForm(HostCreateInput, error);
  const fe = fieldErrors(form.error);
  const isTcp = url.trim().startsWith("tcp://");
  return (
    <form
      className="space-y-3"
      onSubmit={form.onSubmit(
        () => ({
          name,
          url,
          labels: parseLabels(labels),
          ...(isTcp ? { tls } : {}),
          ...(exporter.trim() ? { nodeExporterUrl: exporter.trim() } : {}),
        }),
        onSubmit,
      )}
    >
      <FormError error={form.error} />
      <TextField label="Name" {...bindNamed("name", name, setName, fe)} required autoFocus />
      <TextField
        label="Engine URL"
        {...bindNamed("url", url, setUrl, fe)}
        hint="unix:///path/to/docker.sock, or tcp://host:2376 with TLS"
        required
      />
      {isTcp ? (
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
          <legend className="px-1 text-xs font-medium">TLS client certificates (stored encrypted)</legend>
          {PEM_FIELDS.map(([key, label]) => (
            <PemField
              key={key}
              label={label}
              name={key}
              value={tls[key]}
              onChange={(v) => setTls({ ...tls, [key]: v })}
              error={key === "ca" ? (fe["tls.ca"] ?? fe.tls) : fe[`tls.${key}`]}
            />
          ))}
        </fieldset>
      ) : null}
      <LabelsField fe={fe} name="labels" rows={2} value={labels} onChange={setLabels} />
      <NodeExporterField value={exporter} onChange={setExporter} error={fe.nodeExporterUrl} />
      <FormActions
        onCancel={onCancel}
        busy={busy}
        submit={busy ? "Testing connection…" : "Add host"}
        className="pt-1"
      />
    </form>
  );
}

/** The optional node exporter URL (adding and editing a host): the host's real figures instead of the containers' sum. */
export function NodeExporterField({ value, onChange, error }: ControlProps) {
  return (
    <TextField
      label="Node exporter URL (optional)"
      name="nodeExporterUrl"
      {...bind(value, onChange)}
      error={error}
      placeholder="http://10.0.0.5:9100/metrics"
      hint="A Prometheus node exporter on the host: its real CPU, memory, load, disk and network. Read when saved."
    />
  );
}
