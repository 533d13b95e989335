"use client";
import { useState } from "react";
import { invalidInput } from "@/lib/api/invalid-input";
import { ClientApiError } from "@/lib/client/api";
import type { z } from "zod";

/** `values` parsed with `schema`, or the error the API would answer them with (a 422 with its field errors). */
export function parseForm<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { ok: true; data: z.output<S> } | { ok: false; error: ClientApiError } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const { message, fields } = invalidInput(parsed.error);
  return { ok: false, error: new ClientApiError(422, "invalid", message, fields) };
}

/**
 * A form checked in the browser with the server's own input schema (lib/validations) before it is sent, so it shows
 * the same field errors the server would. `parse(values)` gives the parsed input to send, or null (and keeps the field
 * errors). `error` is the check's error, else the server's (which may still refuse, e.g. a name already taken): show it
 * with `fieldErrors` and `FormError` (components/ui/form-error.tsx).
 */
export function useSchemaForm<S extends z.ZodType>(schema: S, serverError: unknown) {
  const [checked, setChecked] = useState<ClientApiError | null>(null);
  const parse = (values: unknown): z.output<S> | null => {
    const result = parseForm(schema, values);
    setChecked(result.ok ? null : result.error);
    return result.ok ? result.data : null;
  };
  return {
    error: checked ?? serverError,
    parse,
    /** The form's `onSubmit`: the values `read` gives are checked, and `send` gets the input when they pass. */
    onSubmit: (read: FieldReader<unknown>, send: (input: z.output<S>) => void) =>
      onFormSubmit((text, fields) => {
        const input = parse(read(text, fields));
        if (input !== null) send(input);
      }),
    reset: () => setChecked(null),
  };
}

/** What reads a submitted form: `text(name)` gives a field as trimmed text ("" when absent). */
type FieldReader<T> = (text: (name: string) => string, fields: FormData) => T;

/**
 * A form's `onSubmit`: the page does not reload, and `run` gets the form's fields, with `text(name)` reading one
 * as trimmed text ("" when absent).
 */
export function onFormSubmit(run: FieldReader<void>) {
  return (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fields = new FormData(e.currentTarget);
    run((name) => String(fields.get(name) ?? "").trim(), fields);
  };
}
