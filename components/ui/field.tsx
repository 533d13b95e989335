import { useId } from "react";
import { errorUnder } from "@/components/ui/form-error";

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/30 aria-[invalid=true]:border-red-500 disabled:cursor-not-allowed disabled:opacity-55 dark:border-slate-700 dark:bg-slate-900";

type FieldProps = {
  label: string;
  error?: string;
  hint?: string;
  children: (props: {
    id: string;
    "aria-invalid"?: boolean;
    "aria-describedby"?: string;
    className: string;
  }) => React.ReactNode;
};

/** Label, control and error wired together for screen readers; the error names what is wrong with this field. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
        className: control,
      })}
      <FieldNote id={id} error={error} hint={hint} />
    </div>
  );
}

/** The error (or else the hint) under a control, with the ids its aria-describedby names: `<id>-error`, `<id>-hint`. */
export function FieldNote({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  return error ? (
    <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
      {error}
    </p>
  ) : hint ? (
    <p id={`${id}-hint`} className="text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}

export function TextField({
  label,
  error,
  hint,
  ...input
}: { label: string; error?: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(p) => <input {...p} {...input} className={`${p.className} ${input.className ?? ""}`} />}
    </Field>
  );
}

export function SelectField({
  label,
  error,
  hint,
  children,
  ...select
}: { label: string; error?: string; hint?: string } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(p) => (
        <select {...p} {...select} className={p.className}>
          {children}
        </select>
      )}
    </Field>
  );
}

export const controlClass = control;

/** What a form hands a controlled field component it is made of: the value, its change handler, and its error. */
export type ControlProps = { value: string; onChange: (v: string) => void; error?: string };

/**
 * A controlled control's value and change handler in one spread, `<TextField {...bind(url, setUrl)} />`: the
 * same two props as `value={url} onChange={(e) => setUrl(e.target.value)}`, for inputs, selects and textareas.
 */
export const bind = (value: string, set: (value: string) => void) => ({
  value,
  onChange: (e: { target: { value: string } }) => set(e.target.value),
});

/**
 * `bind` plus the field's name and its error, `<TextField {...bindNamed("url", url, setUrl, fe)} />`: the name is
 * the key the schema reports the error under, so the two are written once.
 */
export const bindNamed = (
  name: string,
  value: string,
  set: (value: string) => void,
  errors: Record<string, string>,
) => ({ name, ...bind(value, set), error: errors[name] });

/** A select's options for a list of records (nothing while it loads): the id as the value, `label` (the name) as the text. */
export function RecordOptions<T extends { id: string; name?: string | null }>({
  of,
  label = (x) => x.name ?? "",
}: {
  of: readonly T[] | undefined;
  label?: (x: T) => string;
}) {
  return (
    <>
      {of?.map((x) => (
        <option key={x.id} value={x.id}>
          {label(x)}
        </option>
      ))}
    </>
  );
}

/**
 * A list typed as text, items separated by commas or spaces (read it back with `splitList`); any error on an item
 * (`<name>.<i>`) shows under the one box.
 */
export function ListField({
  name,
  values,
  errors,
  ...field
}: {
  label: string;
  name: string;
  values: readonly string[];
  errors: Record<string, string>;
  placeholder?: string;
  hint?: string;
}) {
  return (
    <TextField name={name} defaultValue={values.join(", ")} error={errorUnder(errors, name)} {...field} />
  );
}
