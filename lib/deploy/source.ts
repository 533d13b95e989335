import "server-only";
// Every way a spec reaches the server (compose text, image form, JSON spec, service update, scale,
// rollback) ends here: parse → admission policy for non-admins → schema → target checks. Nothing
// that fails reaches the engine.
import { ApiError, forbidden, invalid } from "@/lib/api/errors";
import { isLocalContext } from "@/lib/compose/normalize-build";
import type { FolderFiles } from "@/lib/compose/normalize-fields";
import { missingVariables, parseCompose, type ComposeError } from "@/lib/compose/parse";
import { rawOf } from "@/lib/compose/raw";
import { AppSpecSchema, type AppSpec } from "@/lib/compose/spec";
import type { FolderOriginSchema } from "@/lib/deploy/revision-row";
import { checkAdmission } from "@/lib/policy/admission";
import { markDerivedSecrets } from "@/lib/secrets/spec";
import type { SourceInput } from "@/lib/validations/app";
import { fileContents, withFileDigests } from "./app-files";
import { NO_VARIABLES, type AppVariables } from "./app-variables";
import { imageToSpec } from "./image-spec";
import { checkTopology } from "./plan";
import type { AppMode } from "./types";
import type { z } from "zod";

export type ResolvedSource = {
  spec: AppSpec;
  sourceType: "compose" | "image" | "spec" | "repository" | "archive";
  sourceText: string;
  warnings: string[];
  /** Where a folder's files came from (repository URL, ref, commit, compose file): recorded with the revision. */
  origin?: FolderOrigin;
};

export type FolderOrigin = z.infer<typeof FolderOriginSchema>;

/**
 * A compose file read from the app's folder (a repository checkout or an archive): lib/compose/folder/load.ts
 * has combined it with what it includes; `folder` holds the files its secrets/configs name, `dotenv` the folder's
 * `.env` (the app's variables win over it, as the shell's environment does in Compose).
 */
export type FolderSource = {
  type: "folder";
  kind: "repository" | "archive";
  compose: string;
  folder: FolderFiles;
  dotenv: Record<string, string>;
  origin: FolderOrigin;
};
export type ResolvableSource = Exclude<SourceInput, { type: "repository" | "archive" }> | FolderSource;

const LOCAL_BUILD_REASON = "file:// URLs and local paths are for admins only; use an https or ssh git URL";

/** `build.context` naming a repository on the server itself (file://, absolute path) is an admin privilege, as in Builds. */
function localBuildViolations(raw: unknown): { path: string; reason: string }[] {
  const services = rawOf(raw)?.services;
  if (!services || typeof services !== "object") return [];
  return Object.entries(services).flatMap(([name, svc]: [string, unknown]) => {
    const b = rawOf(svc)?.build;
    const context =
      typeof b === "string" ? b : b && typeof b === "object" ? String(rawOf(b)?.context ?? "") : "";
    return context && isLocalContext(context.trim())
      ? [{ path: `services.${name}.build.context`, reason: LOCAL_BUILD_REASON }]
      : [];
  });
}

/** 403 naming each refused field (path → reason); checked on the raw value, before any schema. */
export function admit(raw: unknown, isAdmin: boolean): void {
  const result = checkAdmission(raw, { isAdmin });
  const violations = [
    ...(result.allowed ? [] : result.violations),
    ...(isAdmin ? [] : localBuildViolations(raw)),
  ];
  if (violations.length === 0) return;
  const fields = Object.fromEntries(violations.map((v) => [v.path, v.reason]));
  const summary = violations.map((v) => `${v.path}: ${v.reason}`).join("; ");
  throw forbidden(`Refused by the admission policy — ${summary}`, fields);
}

/** Validates an AppSpec given as JSON; 422 naming the field. */
export function checkSpecShape(raw: unknown): AppSpec {
  const parsed = AppSpecSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues)
    fields[issue.path.map(String).join(".") || "spec"] ??= issue.message;
  const [first] = Object.entries(fields);
  throw invalid(
    `spec.${first[0]}: ${first[1]}`,
    Object.fromEntries(Object.entries(fields).map(([k, v]) => [`spec.${k}`, v])),
  );
}

export function targetCheck(spec: AppSpec, mode: AppMode): void {
  const errors = checkTopology(spec, mode);
  const [first] = Object.entries(errors);
  if (first) throw invalid(`${first[0]}: ${first[1]}`, errors);
}

/**
 * 422 `missing_variables`, one field per variable (`variables.NAME`): what the plan lists and the UI asks for.
 * Checked before anything else about the file, so the form comes first and the remaining errors after it.
 */
export function missingVariablesError(missing: Record<string, string>): ApiError {
  const names = Object.keys(missing);
  return new ApiError(
    422,
    "missing_variables",
    `Set ${names.length === 1 ? "this variable" : "these variables"} of the app first: ${names.join(", ")}`,
    Object.fromEntries(Object.entries(missing).map(([n, why]) => [`variables.${n}`, why])),
  );
}

function composeError(errors: ComposeError[], text: string, variables: AppVariables): ApiError {
  const missing = missingVariables(errors);
  if (missing.length > 0 && errors.every((e) => e.variable)) {
    const why = (n: string) => {
      const e = errors.find((x) => x.variable === n);
      return e ? `${e.line ? `line ${e.line}: ` : ""}${e.path ? `${e.path}: ` : ""}${e.message}` : "not set";
    };
    return missingVariablesError({
      ...Object.fromEntries(missing.map((n) => [n, why(n)])),
      ...fileVariablesAlsoMissing(text, variables, missing),
    });
  }
  const fields: Record<string, string> = {};
  for (const e of errors)
    fields[`compose${e.path ? `.${e.path}` : ""}`] ??= `${e.line ? `line ${e.line}: ` : ""}${e.message}`;
  const e0 = errors[0];
  return new ApiError(
    422,
    "invalid",
    `compose file: ${e0.line ? `line ${e0.line}: ` : ""}${e0.path ? `${e0.path}: ` : ""}${e0.message}`,
    fields,
  );
}

/** Secrets and configs whose content is an app variable (`environment: NAME`) that is not set. */
function missingFileVariables(spec: AppSpec, variables: AppVariables): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const kind of ["secrets", "configs"] as const)
    for (const [name, f] of Object.entries(spec[kind] ?? {}))
      if (f.variable !== undefined && !(f.variable in variables.values))
        missing[f.variable] ??= `${kind}.${name}.environment: names this variable, which is not set`;
  return missing;
}

/**
 * The profiles the developer activated: the app variable COMPOSE_PROFILES ("a,b"), read as `docker compose` reads
 * it from a project's .env file; without it only services with no profiles run (the spec's default).
 */
export function activeProfiles(variables: AppVariables): string[] {
  return (variables.values.COMPOSE_PROFILES ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
}

function checkFileVariables(spec: AppSpec, variables: AppVariables): void {
  const missing = missingFileVariables(spec, variables);
  if (Object.keys(missing).length > 0) throw missingVariablesError(missing);
}

/**
 * So the form asks once: the secrets'/configs' variables too, found by parsing again with a stand-in for each
 * missing ${NAME} (when the file then parses; otherwise they are asked for after the first ones).
 */
function fileVariablesAlsoMissing(text: string, variables: AppVariables, missing: string[]) {
  const standIns = Object.fromEntries(missing.map((n) => [n, "x"]));
  const r = parseCompose(text, {
    variables: { ...variables.values, ...standIns },
    profiles: activeProfiles(variables),
  });
  return r.ok ? missingFileVariables(r.spec, variables) : {};
}

/**
 * `variables`: the app's (lib/deploy/app-variables.ts), for ${NAME} in a compose file and for secret/config
 * contents; the server's environment is never read. Environment entries that took a secret variable's value
 * are marked secret, so the revision is sealed and viewers see a mask.
 */
export function resolveSource(
  source: ResolvableSource,
  isAdmin: boolean,
  mode: AppMode,
  variables: AppVariables = NO_VARIABLES,
): ResolvedSource {
  let resolved: ResolvedSource;
  if (source.type === "compose") {
    const r = parseCompose(source.compose, {
      variables: variables.values,
      profiles: activeProfiles(variables),
    });
    if (!r.ok) throw composeError(r.errors, source.compose, variables);
    admit(r.spec, isAdmin);
    resolved = { spec: r.spec, sourceType: "compose", sourceText: source.compose, warnings: r.warnings };
  } else if (source.type === "folder") {
    const withEnv = { ...variables, values: { ...source.dotenv, ...variables.values } };
    const r = parseCompose(source.compose, { variables: withEnv.values, folder: source.folder });
    if (!r.ok) throw composeError(r.errors, source.compose, withEnv);
    admit(r.spec, isAdmin);
    resolved = {
      spec: r.spec,
      sourceType: source.kind,
      sourceText: source.compose,
      warnings: r.warnings,
      origin: source.origin,
    };
  } else if (source.type === "image") {
    const spec = imageToSpec(source.image);
    admit(spec, isAdmin);
    resolved = {
      spec: checkSpecShape(spec),
      sourceType: "image",
      sourceText: JSON.stringify(source.image, null, 2),
      warnings: [],
    };
  } else {
    admit(source.spec, isAdmin);
    const spec = checkSpecShape(source.spec);
    resolved = { spec, sourceType: "spec", sourceText: JSON.stringify(spec, null, 2), warnings: [] };
  }
  checkFileVariables(resolved.spec, variables);
  targetCheck(resolved.spec, mode);
  const secrets = variables.secretNames.map((n) => variables.values[n]).filter(Boolean);
  const spec = withFileDigests(resolved.spec, fileContents(resolved.spec, variables));
  return { ...resolved, spec: markDerivedSecrets(spec, secrets) };
}
