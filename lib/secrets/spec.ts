// The secret model applied to an AppSpec: each service's environment (with its `secretEnv` marks) and
// its compose build args.
import type { AppSpec } from "@/lib/compose/spec";
import { isSecretEntry, MASK, maskRecord, secretStrings } from "./model";

/** A secret's content in the spec: read from a `file:` of the app's folder (lib/compose/folder). */
const secretContents = (spec: AppSpec) =>
  Object.values(spec.secrets ?? {}).flatMap((f) => (f.content ? [f.content] : []));

export function specSecretStrings(spec: AppSpec): string[] {
  return [
    ...Object.values(spec.services).flatMap((s) => [
      ...secretStrings(s.environment ?? {}, s.secretEnv),
      ...secretStrings(s.build?.args ?? {}),
    ]),
    ...secretContents(spec),
  ];
}

export function specHasSecrets(spec: AppSpec): boolean {
  if (secretContents(spec).length > 0) return true;
  return Object.values(spec.services).some(
    (s) =>
      Object.entries(s.environment ?? {}).some(([k, v]) => isSecretEntry(k, v, s.secretEnv)) ||
      Object.entries(s.build?.args ?? {}).some(([k, v]) => isSecretEntry(k, v)),
  );
}

/** The spec as a reader who may not see secrets gets it. */
export function maskSpec(spec: AppSpec): AppSpec {
  const out = structuredClone(spec);
  for (const s of Object.values(out.services)) {
    s.environment = maskRecord(s.environment ?? {}, s.secretEnv);
    if (s.build) s.build.args = maskRecord(s.build.args ?? {});
  }
  for (const f of Object.values(out.secrets ?? {})) if (f.content !== undefined) f.content = MASK;
  return out;
}

/**
 * Environment entries whose value holds a secret variable's value (`PGPASS: ${DB_PASSWORD}`) are secret too:
 * added to the service's `secretEnv`, so the revision is sealed and readers who may not see secrets get a mask.
 */
export function markDerivedSecrets(spec: AppSpec, secretValues: readonly string[]): AppSpec {
  if (secretValues.length === 0) return spec;
  const services = Object.fromEntries(
    Object.entries(spec.services).map(([name, s]) => {
      const derived = Object.entries(s.environment ?? {})
        .filter(([k, v]) => !s.secretEnv?.includes(k) && secretValues.some((x) => v.includes(x)))
        .map(([k]) => k);
      return [name, derived.length > 0 ? { ...s, secretEnv: [...(s.secretEnv ?? []), ...derived] } : s];
    }),
  );
  return { ...spec, services };
}
