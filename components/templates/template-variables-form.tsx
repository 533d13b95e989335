"use client";
import { Field } from "@/components/ui/field";
import type { TemplateView } from "@/lib/validations/template";

type Props = {
  variables: TemplateView["variables"];
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  /** Field errors of the last answer: `variables.NAME` (a 422 missing_variables) shows under that field. */
  errors: Record<string, string>;
};

/** One field per template variable: required ones must be filled, secret ones are typed like passwords. */
export function TemplateVariablesForm({ variables, values, onChange, errors }: Props) {
  if (variables.length === 0)
    return <p className="text-sm text-slate-500">This template has no variables: it deploys as it is.</p>;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {variables.map((v) => (
        <Field
          key={v.name}
          label={`${v.label}${v.required ? "" : " (optional)"}`}
          error={errors[`variables.${v.name}`]}
          hint={`${v.name}${v.secret ? " · secret: stored encrypted, never shown again" : ""}`}
        >
          {(p) => (
            <input
              {...p}
              name={v.name}
              type={v.secret ? "password" : "text"}
              autoComplete={v.secret ? "new-password" : "off"}
              required={v.required}
              placeholder={v.default}
              value={values[v.name] ?? ""}
              onChange={(e) => onChange({ ...values, [v.name]: e.target.value })}
            />
          )}
        </Field>
      ))}
    </div>
  );
}
