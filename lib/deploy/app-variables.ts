import "server-only";
// The store of an app's variables (no authorization here: lib/services/app-variables.ts and lib/services/apps.ts
// check the caller first). A value is sealed at rest when it is secret — marked, or named like one — or holds
// URL credentials (lib/secrets/model.ts).
import { invalid } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { openText, sealText } from "@/lib/secrets/at-rest";
import { hasUrlCredentials, isSecretName, secretStrings } from "@/lib/secrets/model";
import type { VariableInput } from "@/lib/validations/app-variables";

export type AppVariables = {
  /** name → value, secrets opened: for interpolation and secret/config contents only. */
  values: Record<string, string>;
  /** Names whose values are secret. */
  secretNames: string[];
};
export const NO_VARIABLES: AppVariables = { values: {}, secretNames: [] };

const selectAll = { name: true, value: true, secret: true, updatedAt: true } as const;

export async function readVariableRows(appId: string) {
  const rows = await db.appVariable.findMany({
    where: { appId },
    select: selectAll,
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({ ...r, value: openText(r.value) }));
}

export async function readAppVariables(appId: string): Promise<AppVariables> {
  const rows = await readVariableRows(appId);
  return {
    values: Object.fromEntries(rows.map((r) => [r.name, r.value])),
    secretNames: rows.filter((r) => r.secret).map((r) => r.name),
  };
}

/** The literal secret strings among the variables (whole secret values, URL passwords), to keep out of anything shown. */
export const variableSecrets = (v: AppVariables): string[] => secretStrings(v.values, v.secretNames);

/** What a deploy would see if `input` were stored: for a first plan, before the app exists. */
export function variablesOf(input: readonly VariableInput[]): AppVariables {
  const missing = input.findIndex((v) => v.value === undefined);
  if (missing >= 0)
    throw invalid(`variables.${missing}.value: required for a new variable`, {
      [`variables.${missing}.value`]: "required for a new variable",
    });
  return {
    values: Object.fromEntries(input.map((v) => [v.name, v.value ?? ""])),
    secretNames: input.filter((v) => v.secret || isSecretName(v.name)).map((v) => v.name),
  };
}

/**
 * Writes `input` for the app: "replace" makes it the whole set (others deleted), "merge" sets only these names.
 * A stored variable given without a value keeps its value, but a secret never turns plain that way (that would
 * show it): a new value is required. All or nothing, in one transaction.
 */
export async function writeVariables(
  tx: Prisma.TransactionClient,
  appId: string,
  input: readonly VariableInput[],
  mode: "replace" | "merge",
): Promise<void> {
  const stored = new Map(
    (await tx.appVariable.findMany({ where: { appId }, select: selectAll })).map((r) => [r.name, r]),
  );
  const rows = input.map((v, i) => {
    const secret = v.secret || isSecretName(v.name);
    const old = stored.get(v.name);
    const field = `variables.${i}.value`;
    let value = v.value;
    if (value === undefined) {
      if (!old)
        throw invalid(`${field}: required for a new variable`, { [field]: "required for a new variable" });
      if (old.secret && !secret)
        throw invalid(`${field}: a secret becomes plain only with a new value`, {
          [field]: "a secret becomes plain only with a new value",
        });
      value = openText(old.value);
    }
    return { name: v.name, secret, value: sealText(value, secret || hasUrlCredentials(value)) };
  });
  if (mode === "replace")
    await tx.appVariable.deleteMany({ where: { appId, name: { notIn: rows.map((r) => r.name) } } });
  for (const r of rows)
    await tx.appVariable.upsert({
      where: { appId_name: { appId, name: r.name } },
      create: { appId, ...r },
      update: { value: r.value, secret: r.secret },
    });
}
