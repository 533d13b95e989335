import "server-only";
// Stored text that holds secrets (a revision's spec and source, a build's source with its args) is kept
// encrypted with lib/crypto.ts. Rows written before, or without secrets, stay plain JSON: readers accept both.
import { z } from "zod";
import { decryptSecret, encryptSecret } from "@/lib/crypto";

const SEALED = "v1.";

export const sealText = (text: string, secret: boolean) => (secret ? encryptSecret(text) : text);
export const openText = (stored: string) => (stored.startsWith(SEALED) ? decryptSecret(stored) : stored);

/** A build's stored source (display fields, build args and which of them were marked secret). */
export const BuildSourceRecord = z.looseObject({
  buildArgs: z.record(z.string(), z.string()).optional(),
  secretArgs: z.array(z.string()).optional(),
  dockerfileText: z.string().optional(),
});
export const readBuildSource = (stored: string) => BuildSourceRecord.parse(JSON.parse(openText(stored)));
