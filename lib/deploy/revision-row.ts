import "server-only";
import { z } from "zod";
import { AppSpecSchema, type AppSpec } from "@/lib/compose/spec";
import { openText } from "@/lib/secrets/at-rest";
import { SourceOriginView } from "@/lib/validations/app";

/** Where a revision's spec came from (a compose file, the image form, an AppSpec, a webhook build). */
/** Where a folder source's files came from (lib/deploy/source.ts FolderOrigin): the repository's commit. */
/** The API's view of it (lib/validations/app.ts) is the schema: one shape for the row and the answer. */
export const FolderOriginSchema = SourceOriginView;
export const RevisionSource = z.object({
  type: z.string(),
  text: z.string(),
  origin: FolderOriginSchema.optional(),
});
export type RevisionSource = z.infer<typeof RevisionSource>;

/**
 * The one place a Revision row's JSON columns are read: the spec was validated when it was written, and is again.
 * Columns that held a secret are stored encrypted (lib/secrets/at-rest.ts); plain rows are read as they are.
 */
export const revisionSpec = (raw: string): AppSpec => AppSpecSchema.parse(JSON.parse(openText(raw)));

/** The recorded source, or null: rows written before sources were kept hold "" or "{}". */
export function revisionSource(raw: string): RevisionSource | null {
  if (!raw) return null;
  const parsed = RevisionSource.safeParse(JSON.parse(openText(raw)));
  return parsed.success ? parsed.data : null;
}
