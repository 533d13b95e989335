import "server-only";
// What makes a template deployable, checked when an admin saves one and for every built-in file (unit test):
// each ${NAME} its compose file uses is a declared variable, and the file parses and plan-validates with
// Wharf's compose loader once the form's values are in. Refusals are 422s naming the field.
import { invalid } from "@/lib/api/errors";
import { parseCompose } from "@/lib/compose/parse";
import { composeVariableNames, type TemplateVariable } from "@/lib/validations/template";
import { checkTopology } from "../plan";

/**
 * A value for each variable while checking: its default, else a number. A number is valid wherever compose
 * takes a string, a port or a tag, so a required `${PORT:?}` in "${PORT}:80" checks like any other.
 */
const CHECK_VALUE = "8080";

/** Throws a 422 naming `compose…` or `variables…`; returns the images the file names. */
export function checkTemplate(compose: string, variables: readonly TemplateVariable[]): { images: string[] } {
  const declared = new Set(variables.map((v) => v.name));
  const undeclared = composeVariableNames(compose).filter((n) => !declared.has(n));
  if (undeclared.length > 0)
    throw invalid(`variables: the compose file uses \${${undeclared[0]}}, which is not declared`, {
      variables: `declare ${undeclared.map((n) => `\${${n}}`).join(", ")} (used by the compose file)`,
    });
  const values = Object.fromEntries(variables.map((v) => [v.name, v.default || CHECK_VALUE]));
  const r = parseCompose(compose, { variables: values });
  if (!r.ok) {
    const e = r.errors[0];
    const where = `${e.line ? `line ${e.line}: ` : ""}${e.path ? `${e.path}: ` : ""}`;
    throw invalid(`compose: ${where}${e.message}`, { compose: `${where}${e.message}` });
  }
  const topology = Object.entries(checkTopology(r.spec, "standalone"));
  if (topology.length > 0)
    throw invalid(`compose: ${topology[0][0]}: ${topology[0][1]}`, {
      compose: `${topology[0][0]}: ${topology[0][1]}`,
    });
  const images = Object.values(r.spec.services).flatMap((s) => (s.build ? [] : [s.image]));
  return { images: [...new Set(images)] };
}
