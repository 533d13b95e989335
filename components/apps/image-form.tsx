"use client";
// The "from an image" form. Values stay strings while typing; toImageSource turns them into the
// API's ImageAppInput (the server validates again and names the field on error).
import { SelectField, TextField, Field } from "@/components/ui/field";
import { ImageAppInput } from "@/lib/validations/app";
import { parseJsonAs } from "@/lib/validations/common";
import { joinCommandLine, splitCommandLine } from "./command-line";
import type { SourceFormProps } from "./source-form";

export type ImageFormValues = {
  image: string;
  command: string;
  env: string;
  secretEnv: string;
  ports: string;
  volumes: string;
  replicas: string;
  restart: string;
  memoryMb: string;
  cpus: string;
  healthcheck: string;
};
export const emptyImageForm: ImageFormValues = {
  image: "",
  command: "",
  env: "",
  secretEnv: "",
  ports: "",
  volumes: "",
  replicas: "1",
  restart: "unless-stopped",
  memoryMb: "",
  cpus: "",
  healthcheck: "",
};

const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

export function toImageSource(v: ImageFormValues) {
  return {
    image: v.image.trim(),
    ...(v.command.trim() ? { command: splitCommandLine(v.command) } : {}),
    env: Object.fromEntries(
      lines(v.env).map((l) => [
        l.slice(0, l.indexOf("=") < 0 ? l.length : l.indexOf("=")),
        l.indexOf("=") < 0 ? "" : l.slice(l.indexOf("=") + 1),
      ]),
    ),
    secretEnv: v.secretEnv
      .split(/[\s,]+/)
      .map((n) => n.trim())
      .filter(Boolean),
    ports: lines(v.ports).map((l) => {
      const [spec, protocol = "tcp"] = l.split("/");
      const [a, b] = spec.split(":");
      return b ? { published: Number(a), target: Number(b), protocol } : { target: Number(a), protocol };
    }),
    volumes: lines(v.volumes).map((l) => {
      const [name, target, mode] = l.split(":");
      return { name, target: target ?? "", readOnly: mode === "ro" };
    }),
    replicas: Number(v.replicas || 1),
    restart: v.restart,
    ...(v.memoryMb ? { memoryMb: Number(v.memoryMb) } : {}),
    ...(v.cpus ? { cpus: Number(v.cpus) } : {}),
    ...(v.healthcheck.trim() ? { healthcheck: { command: v.healthcheck.trim() } } : {}),
  };
}

/** A stored image source (a revision's JSON) back into form strings; the inverse of toImageSource. */
export function imageFormOf(text: string): ImageFormValues {
  const v = parseJsonAs(ImageAppInput, text);
  if (!v) return emptyImageForm;
  return {
    image: v.image,
    command: joinCommandLine(v.command ?? []),
    env: Object.entries(v.env)
      .map(([k, x]) => `${k}=${x}`)
      .join("\n"),
    secretEnv: v.secretEnv.join(", "),
    ports: v.ports.map((p) => `${p.published ? `${p.published}:` : ""}${p.target}/${p.protocol}`).join("\n"),
    volumes: v.volumes.map((x) => `${x.name}:${x.target}${x.readOnly ? ":ro" : ""}`).join("\n"),
    replicas: String(v.replicas),
    restart: v.restart,
    memoryMb: v.memoryMb ? String(v.memoryMb) : "",
    cpus: v.cpus ? String(v.cpus) : "",
    healthcheck: v.healthcheck?.command ?? "",
  };
}

type Props = SourceFormProps<ImageFormValues> & {
  /** The image is given (a build's own, pinned): shown read-only with this note. */
  fixedImage?: string;
};

export function ImageForm({ values, onChange, errors, fixedImage }: Props) {
  const set = (k: keyof ImageFormValues) => (e: { target: { value: string } }) =>
    onChange({ ...values, [k]: e.target.value });
  const err = (k: string) =>
    Object.entries(errors).find(
      ([f]) =>
        f === `source.image.${k}` ||
        f.startsWith(`source.image.${k}.`) ||
        // Plan errors name the spec's one service (e.g. services.app.ports: a host port in use).
        new RegExp(`^services\\.[^.]+\\.${k}(\\.|$)`).test(f),
    )?.[1];
  /** A field's value, change handler and error, by its key in the values. */
  const field = (k: keyof ImageFormValues) => ({ value: values[k], onChange: set(k), error: err(k) });
  const area = (k: keyof ImageFormValues, label: string, hint: string, placeholder: string) => (
    <Field label={label} hint={hint} error={err(k)}>
      {(p) => (
        <textarea
          {...p}
          rows={3}
          value={values[k]}
          onChange={set(k)}
          placeholder={placeholder}
          className={`${p.className} font-mono`}
        />
      )}
    </Field>
  );
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <TextField
        label="Image"
        required
        {...field("image")}
        readOnly={!!fixedImage}
        hint={fixedImage}
        className={fixedImage ? "bg-slate-50 font-mono text-xs dark:bg-slate-800" : ""}
        placeholder="e.g. wharf-sample/vote:latest"
      />
      <TextField
        label="Command"
        {...field("command")}
        placeholder="e.g. httpd -f -p 80 (empty = image default)"
      />
      {area("env", "Environment", "One NAME=value per line", "MODE=production")}
      <TextField
        label="Secret variables"
        {...field("secretEnv")}
        placeholder="e.g. PIN, LICENSE"
        hint="Names whose values viewers never see (stored encrypted). *_PASSWORD, *_TOKEN, *_KEY and passwords inside URLs are secret already."
      />
      {area(
        "ports",
        "Ports",
        "One per line: container port, or host:container (e.g. 8080:80/tcp)",
        "8080:80",
      )}
      {area(
        "volumes",
        "Named volumes",
        "One per line: name:/path[:ro] — host paths are not allowed",
        "data:/var/lib/data",
      )}
      <div className="grid grid-cols-2 gap-4">
        <TextField label="Replicas" type="number" min={0} max={100} {...field("replicas")} />
        <SelectField label="Restart policy" {...field("restart")}>
          {["no", "always", "on-failure", "unless-stopped"].map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Memory limit (MiB)"
          type="number"
          min={4}
          {...field("memoryMb")}
          placeholder="256 (default)"
        />
        <TextField
          label="CPU limit"
          type="number"
          min={0.01}
          step={0.05}
          {...field("cpus")}
          placeholder="0.25 (default)"
        />
      </div>
      <div className="md:col-span-2">
        <TextField
          label="Health check command"
          {...field("healthcheck")}
          placeholder="e.g. wget -q -O /dev/null http://127.0.0.1/ (runs in a shell; empty = none)"
        />
      </div>
    </div>
  );
}
