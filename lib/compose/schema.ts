// JSON-schema validation of the raw compose value against the official Compose Specification schema
// (compose-spec.schema.json, verbatim from github:compose-spec/compose-spec at SPEC_COMMIT). Every key
// the specification defines passes here; a key it does not define is refused with its path and, when
// it looks like a misspelling, the key that was probably meant.
import Ajv, { type ErrorObject } from "ajv";
import composeSchema from "./compose-spec.schema.json";
import { isRaw, listOf } from "./raw";
import type { PathSeg } from "./path";

/** github:compose-spec/compose-spec commit the schema file was taken from (schema/compose-spec.json). */
export const SPEC_COMMIT = "170098ba07d9f53c383a41bfd4c5166b0a4529a6";

export type SchemaError = { path: PathSeg[]; message: string };

let validateFn: ReturnType<Ajv["compile"]> | undefined;
function validator() {
  // Compiled once, lazily: compiling is the expensive part. The spec's "$schema" names draft-07 by an
  // https URL Ajv does not know, and its custom formats (duration, ports…) are checked by normalization.
  const { $schema: _draft, ...schema } = composeSchema;
  validateFn ??= new Ajv({
    allErrors: true,
    strict: false,
    allowUnionTypes: true,
    verbose: true,
    formats: { duration: true, ports: true, expose: true },
  }).compile(schema);
  return validateFn;
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  array: "a list",
  object: "a mapping",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  null: "empty",
};

function pointerToPath(pointer: string, data: unknown): PathSeg[] {
  if (pointer === "") return [];
  const path: PathSeg[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const seg = Array.isArray(node) ? Number(key) : key;
    path.push(seg);
    node = Array.isArray(node) ? listOf(node)[Number(key)] : isRaw(node) ? node[key] : undefined;
  }
  return path;
}

/** Edit distance, for "did you mean". Small strings only (compose keys). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

export function closestKey(key: string, candidates: string[]): string | undefined {
  const k = key.toLowerCase().replace(/-/g, "_");
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(k, c);
    if (d < bestScore) [best, bestScore] = [c, d];
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

export function unknownKeyMessage(key: string, candidates: string[]): string {
  const hint = closestKey(key, candidates);
  return hint
    ? `${key} is not a Compose key — did you mean ${hint}?`
    : `${key} is not a Compose key here (see the Compose Specification)`;
}

const KINDS: Record<string, string> = {
  services: "service",
  networks: "network",
  volumes: "volume",
  secrets: "secret",
  configs: "config",
};

function describe(err: ErrorObject): { extra?: string; message: string } {
  const p: Record<string, unknown> = err.params;
  switch (err.keyword) {
    case "additionalProperties": {
      const key = String(p.additionalProperty);
      const parent: unknown = err.parentSchema;
      const properties = isRaw(parent) ? parent.properties : undefined;
      const section = err.instancePath.split("/").pop() ?? "";
      // A map of names (services:, networks:…) whose name pattern the key fails, rather than an unknown key.
      if (!properties && isRaw(parent) && parent.patternProperties && section in KINDS)
        return {
          extra: key,
          message: `${KINDS[section]} name "${key}" is invalid — use letters, digits, ".", "_" or "-"`,
        };
      return {
        extra: key,
        message: unknownKeyMessage(key, Object.keys(isRaw(properties) ? properties : {})),
      };
    }
    case "required":
      return { extra: String(p.missingProperty), message: "is required" };
    case "type": {
      const types = String(p.type)
        .split(",")
        .map((t) => TYPE_WORDS[t] ?? t);
      return { message: `must be ${types.join(" or ")}` };
    }
    case "enum":
      return { message: `must be one of: ${listOf(p.allowedValues).join(", ")}` };
    case "uniqueItems":
      return { message: "must not contain duplicate entries" };
    case "pattern":
      return { message: `"${String(err.data)}" is not a valid value here` };
    default:
      return { message: err.message ?? "is invalid" };
  }
}

/** Union branches (oneOf/anyOf) each report their own mismatch: keep the specific errors of a spot, and merge its type errors into one. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const specific = new Set(
    errors.filter((e) => !["type", "oneOf", "anyOf", "const"].includes(e.keyword)).map((e) => e.instancePath),
  );
  const kept = errors.filter(
    (e) => !(["type", "oneOf", "anyOf", "const"].includes(e.keyword) && specific.has(e.instancePath)),
  );
  const typesAt = new Map<string, ErrorObject>();
  const out: ErrorObject[] = [];
  for (const e of kept) {
    if (e.keyword === "oneOf" || e.keyword === "anyOf") {
      if (!kept.some((o) => o !== e && o.instancePath === e.instancePath)) out.push(e);
      continue;
    }
    if (e.keyword !== "type") {
      out.push(e);
      continue;
    }
    const seen = typesAt.get(e.instancePath);
    if (!seen) {
      const merged = { ...e, params: { type: String(e.params.type) } };
      typesAt.set(e.instancePath, merged);
      out.push(merged);
    } else {
      const p = seen.params;
      const add = String(e.params.type);
      if (!String(p.type).split(",").includes(add)) p.type = `${String(p.type)},${add}`;
    }
  }
  return out;
}

export function validateComposeSchema(data: unknown): SchemaError[] {
  const validate = validator();
  if (validate(data)) return [];
  const seen = new Set<string>();
  const out: SchemaError[] = [];
  for (const err of simplify(validate.errors ?? [])) {
    const { extra, message } = describe(err);
    const path = pointerToPath(err.instancePath, data);
    if (extra !== undefined) path.push(extra);
    const key = `${JSON.stringify(path)}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}
