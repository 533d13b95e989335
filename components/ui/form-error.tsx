import { ClientApiError } from "@/lib/client/api";

/** Field errors from a failed mutation, keyed by field name, for inline display. */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ClientApiError && error.fields ? error.fields : {};
}

/** The first field error whose path starts with `prefix`: one box for a list or a map shows its items' errors. */
export const errorUnder = (errors: Record<string, string>, prefix: string): string | undefined =>
  Object.entries(errors).find(([k]) => k.startsWith(prefix))?.[1];

export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : "Something went wrong";
  return (
    <p
      role="alert"
      className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
    >
      {message}
    </p>
  );
}
