// An app's variables (like a .env file): the values of ${NAME} in its compose files and the content of its
// compose secrets/configs. Shared by the route handlers, the forms and the OpenAPI document.
import { z } from "zod";

export const MAX_VARIABLES = 200;
export const MAX_VARIABLE_BYTES = 64 * 1024;
export const VARIABLE_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const VariableName = z
  .string()
  .max(128, "must be at most 128 characters")
  .regex(VARIABLE_NAME_RE, "use letters, digits and _, not starting with a digit");

/** A list's check that no name is given twice: the second one's `name` is the error. */
function namesOnce<T extends { name: string }>(list: T[], ctx: z.core.$RefinementCtx<T[]>) {
  const seen = new Set<string>();
  list.forEach((v, i) => {
    if (seen.has(v.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: "appears twice" });
    seen.add(v.name);
  });
}

/** A list of variables (an app's, a template's): at most `max`, and no name twice. */
export const variableList = <T extends z.ZodType<{ name: string }>>(item: T, max: number) =>
  z.array(item).max(max, `at most ${max} variables`).superRefine(namesOnce);

/** One variable as written. `value` may be left out for a stored one: it keeps its value (secrets are never read back). */
export const VariableInput = z.object({
  name: VariableName,
  value: z
    .string()
    .max(MAX_VARIABLE_BYTES, `must be at most ${MAX_VARIABLE_BYTES / 1024} KiB`)
    .optional(),
  /** Stored encrypted and never shown again (names with a secret word are secret anyway: lib/secrets/model.ts). */
  secret: z.boolean().default(false),
});
export type VariableInput = z.infer<typeof VariableInput>;

export const VariableList = variableList(VariableInput, MAX_VARIABLES);

/** PUT: the whole set (names left out are deleted). PATCH: only the names given are set. */
export const VariablesInput = z.object({ variables: VariableList });

export const VariableView = z.object({
  name: z.string(),
  /** null for a secret: it is never shown again. Viewers get URL passwords masked. */
  value: z.string().nullable(),
  secret: z.boolean(),
  updatedAt: z.string(),
});
export const VariablesView = z.object({ variables: z.array(VariableView) });
export type VariablesView = z.infer<typeof VariablesView>;
export type VariableView = z.infer<typeof VariableView>;

/** Lines of a .env file → variables (`NAME=value`, `export NAME=value`, quotes, # comments). */
export function parseDotEnv(text: string): {
  variables: { name: string; value: string }[];
  errors: string[];
} {
  const variables: { name: string; value: string }[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const m = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!m || !VARIABLE_NAME_RE.test(m[1])) {
      errors.push(`line ${i + 1}: expected NAME=value`);
      return;
    }
    let value = m[2];
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, "");
    variables.push({ name: m[1], value });
  });
  return { variables, errors };
}
