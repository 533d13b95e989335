import type { ZodError } from "zod";

export type FieldErrors = Record<string, string>;

/**
 * A failed zod parse as field errors (dotted path → first message) and the sentence that goes with them. The API's
 * 422 (lib/api/errors.ts) and the browser's form check (lib/client/form.ts) both use this, so a form shows exactly
 * the field errors the server would have answered.
 */
export function invalidInput(error: ZodError): { message: string; fields: FieldErrors } {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  return { message: first ? `${first[0]}: ${first[1]}` : "Invalid input", fields };
}
