// `x-wharf-secret-env: [NAME, …]` on a compose service marks those environment values secret
// (lib/secrets/model.ts), as `secretEnv` does for an image app: besides secret-looking names and URL
// passwords, which count anyway. The marks become the service's `secretEnv`, so the revision is stored
// encrypted and viewers get masks on every path. An `x-` key, so `docker compose` ignores it.
import { wharfExtension, type Ctx, type Raw } from "./normalize-fields";
import { formatPath, type PathSeg } from "./path";

export const SECRET_ENV_KEY = "x-wharf-secret-env";

const isNameList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === "string" && x !== "");

/** The service's marks, each checked against its environment (a misspelt mark would leave a secret shown). */
export function secretEnvMarks(
  ctx: Ctx,
  raw: Raw,
  path: PathSeg[],
  environment: Record<string, string>,
): string[] | undefined {
  const marks = wharfExtension(
    ctx,
    raw,
    path,
    SECRET_ENV_KEY,
    isNameList,
    "a list of environment variable names",
  );
  if (!marks) return undefined;
  const names = [...new Set(marks.value)];
  for (const n of names)
    if (!(n in environment))
      ctx.errors.push({
        path: marks.at,
        message: `"${n}" is not set in ${formatPath([...path, "environment"])}: mark only variables the service has`,
      });
  return names.length ? names : undefined;
}

/** The service without the key, so the generic "extension field ignored" warning skips it. */
export function withoutSecretEnv(raw: Raw): Raw {
  const { [SECRET_ENV_KEY]: _marks, ...rest } = raw;
  return rest;
}
