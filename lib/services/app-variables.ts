import "server-only";
// An app's variables through the API: viewers read them (secrets never, URL passwords masked), developers write.
import type { Actor } from "@/lib/auth/actor";
import { tenantRole } from "@/lib/authz";
import { db } from "@/lib/db";
import { readVariableRows, writeVariables } from "@/lib/deploy/app-variables";
import { maskValue } from "@/lib/secrets/model";
import { loadApp } from "@/lib/services/apps";
import type { VariableInput, VariablesView } from "@/lib/validations/app-variables";
import { roleAtLeast } from "@/lib/validations/roles";

export async function listAppVariables(actor: Actor, appId: string): Promise<VariablesView> {
  const app = await loadApp(actor, appId);
  const developer = roleAtLeast(tenantRole(actor, app.project.tenantId), "developer");
  const rows = await readVariableRows(appId);
  return {
    variables: rows.map((r) => ({
      name: r.name,
      value: r.secret ? null : developer ? r.value : maskValue(r.name, r.value),
      secret: r.secret,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

/** "replace": the whole set, as a .env file; "merge": only the names given (the missing-variables form). */
export async function setAppVariables(
  actor: Actor,
  appId: string,
  input: readonly VariableInput[],
  mode: "replace" | "merge",
) {
  const app = await loadApp(actor, appId, "developer");
  await db.$transaction((tx) => writeVariables(tx, appId, input, mode));
  return { tenantId: app.project.tenantId, ...(await listAppVariables(actor, appId)) };
}
