import "server-only";
// What a build's log and error must never show (docs/security.md, "Secrets"), whoever reads them: the
// build's secret args (marked, secret-named, URL passwords), the git password it clones with, and the
// passwords of the tenant's registries — pushes and pulls use them, and a RUN step may print one it was
// handed under an innocent name.
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { secretStrings } from "@/lib/secrets/model";

/** Shorter values would mask unrelated text (the same floor as secretStrings). */
const MIN = 4;

export async function buildLogSecrets(
  tenantId: string,
  p: { buildArgs: Record<string, string>; secretArgs?: readonly string[]; gitPassword?: string },
): Promise<string[]> {
  const registries = await db.registry.findMany({ where: { tenantId }, select: { secretEncrypted: true } });
  const passwords = registries.filter((r) => r.secretEncrypted).map((r) => decryptSecret(r.secretEncrypted));
  return [
    ...secretStrings(p.buildArgs, p.secretArgs),
    ...[p.gitPassword ?? "", ...passwords].filter((s) => s.length >= MIN),
  ];
}
