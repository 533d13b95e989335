// App templates (docs/templates.md): the built-in files in examples/templates and the ones admins add.
// Shared by the file loader, the route handlers, the Templates page and the OpenAPI document.
import { z } from "zod";
import { VariableName, variableList } from "./app-variables";
import { MAX_COMPOSE_BYTES } from "./compose-limits";

export const MAX_TEMPLATE_VARIABLES = 50;

export const TemplateSlug = z
  .string()
  .trim()
  .min(2, "must be at least 2 characters")
  .max(40, "must be at most 40 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lowercase letters, digits and single dashes");

/** One variable the template's form asks for. No `default` = required. */
export const TemplateVariable = z.object({
  name: VariableName,
  label: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  default: z.string().max(1000, "must be at most 1000 characters").optional(),
  /** Stored encrypted with the app and never shown again (lib/secrets/model.ts also marks secret-like names). */
  secret: z.boolean().default(false),
});
export type TemplateVariable = z.infer<typeof TemplateVariable>;

export const TemplateVariables = variableList(TemplateVariable, MAX_TEMPLATE_VARIABLES);

const Name = z.string().trim().min(1, "is required").max(80, "must be at most 80 characters");
const Description = z.string().trim().max(400, "must be at most 400 characters");
const Category = z.string().trim().min(1, "is required").max(40, "must be at most 40 characters");
const Compose = z
  .string()
  .min(1, "is required")
  .max(MAX_COMPOSE_BYTES, `must be at most ${MAX_COMPOSE_BYTES / 1024} KiB`);

/** examples/templates/<slug>/template.yaml. `sample: true`: the compose file is the voting-app sample's. */
export const TemplateFile = z.strictObject({
  name: Name,
  description: Description,
  category: Category,
  /** Position in the catalogue (ascending). */
  order: z.number().int().min(0),
  sample: z.boolean().default(false),
  variables: TemplateVariables,
});

/** An admin's template (POST). */
export const TemplateInput = z.strictObject({
  slug: TemplateSlug,
  name: Name,
  description: Description.default(""),
  category: Category,
  compose: Compose,
  variables: TemplateVariables.default([]),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

/** PATCH: any field but the slug; a field left out keeps its value (no defaults here). */
export const TemplatePatch = z.strictObject({
  name: Name.optional(),
  description: Description.optional(),
  category: Category.optional(),
  compose: Compose.optional(),
  variables: TemplateVariables.optional(),
});
export type TemplatePatch = z.infer<typeof TemplatePatch>;

export const TemplateVariableView = TemplateVariable.extend({ required: z.boolean() });

export const TemplateView = z.object({
  /** The slug: the folder name of a built-in template, the admin's choice for the others. */
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  builtIn: z.boolean(),
  compose: z.string(),
  /** The Swarm variant, when the template has one (the voting app's stack file). */
  swarmCompose: z.string().optional(),
  variables: z.array(TemplateVariableView),
  /** The images the compose file names, for the card and the admin's sharing. */
  images: z.array(z.string()),
  createdBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type TemplateView = z.infer<typeof TemplateView>;

export const TemplateList = z.object({ items: z.array(TemplateView) });

// ${NAME…} or $NAME, after "$$" (a literal "$") is taken out.
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The variable names a compose text interpolates, in order of first use (the server's check; the editor's rows). */
export function composeVariableNames(text: string): string[] {
  const names = [...text.replaceAll("$$", "").matchAll(REFERENCE)].map((m) => m[1] ?? m[2]);
  return [...new Set(names)];
}
