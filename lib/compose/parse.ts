// parseCompose: compose YAML text → AppSpec, or errors that name the key path
// and the line. Stages: YAML syntax → ${VAR} interpolation → JSON schema
// (Wharf's subset of the Compose Specification; unsupported keys refused) →
// normalization and cross-references → final zod check of the AppSpec.
import { load as loadYaml } from "js-yaml";
import { LineCounter, parseDocument } from "yaml";
import { inlineAliases, MAX_EXPANDED_NODES } from "./aliases";
import { interpolateMap, type InterpolationError, type Variables } from "./interpolate";
import { locateLine } from "./locate";
import { normalizeCompose } from "./normalize";
import { formatPath } from "./path";
import { isRaw } from "./raw";
import { validateComposeSchema } from "./schema";
import { AppSpecSchema, type AppSpec } from "./spec";
import { YAML_CORE_SCHEMA } from "./yaml-core";
import { MAX_COMPOSE_BYTES } from "../validations/compose-limits";
import type { Ctx, FolderFiles, Issue } from "./normalize-fields";

/** `variable`: the error is that this variable is missing (not set, or `${V:?}` not satisfied). */
export type ComposeError = { path: string; message: string; line?: number; variable?: string };
export type ParseResult =
  | { ok: true; spec: AppSpec; warnings: string[] }
  | { ok: false; errors: ComposeError[] };

/** The variables a failed parse is waiting for, in order of first use; empty when it failed for another reason. */
export function missingVariables(errors: readonly ComposeError[]): string[] {
  return [...new Set(errors.flatMap((e) => (e.variable ? [e.variable] : [])))];
}
export type ParseOptions = {
  /** Values for ${VAR} interpolation. The server's process.env is never consulted. */
  variables?: Variables;
  /** Active profiles; services with no profiles are always on (the spec's default). */
  profiles?: readonly string[];
  /**
   * The app has a folder (a repository or archive source, lib/compose/folder/load.ts, which already inlined
   * env_file, include and extends.file): relative `build:` contexts name folders of it, and secrets'/configs'
   * `file:` their content here (root-relative path → text).
   */
  folder?: FolderFiles;
};

/** The pre-2017 "v1" format: services at the top level, no services:/version: key. */
function looksLikeV1(raw: Record<string, unknown>): boolean {
  const keys = Object.keys(raw);
  return (
    keys.length > 0 &&
    !("services" in raw) &&
    !("version" in raw) &&
    keys.every((k) => {
      const v = raw[k];
      return v !== null && typeof v === "object" && !Array.isArray(v) && ("image" in v || "build" in v);
    })
  );
}

export function parseCompose(text: string, options: ParseOptions = {}): ParseResult {
  // TextEncoder rather than Buffer: parsing also works in the browser (live editor validation).
  if (new TextEncoder().encode(text).length > MAX_COMPOSE_BYTES) {
    return {
      ok: false,
      errors: [{ path: "", message: `compose file is larger than ${MAX_COMPOSE_BYTES / 1024} KiB` }],
    };
  }
  // Most files are valid: read them with the fast reader; anything it or a later stage refuses is read again
  // by the `yaml` document model, whose node positions give every error its line (and whose messages we keep).
  const fast = readFast(text);
  if (fast !== undefined) {
    const r = fromValue(fast, [], options, () => ({ ok: false, errors: [] }), true);
    if (r.ok) return r;
  }
  return parseWithLines(text, options);
}

/**
 * The value of a plain YAML 1.2 document (core schema plus `<<` merge keys, what `yaml` reads with merge: true),
 * or undefined when the fast reader cannot vouch for it: syntax errors, tags, or aliases that expand past the
 * same budget the document path enforces. Aliases share one object, as the document path's inlined nodes do.
 */
function readFast(text: string): unknown {
  if (/(^|[\s\[{,])!/.test(text)) return undefined; // tags: left to the document path and its warnings
  try {
    const value = loadYaml(text, { schema: YAML_CORE_SCHEMA });
    return fitsBudget(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One walk for the fast path's three checks (so fromValue need not walk again): no cycle, nesting within
 * MAX_DEPTH, and values counted with every appearance of a shared (aliased) object within MAX_EXPANDED_NODES.
 * Shared objects are measured once (size and height memoized).
 */
function fitsBudget(root: unknown): boolean {
  const OPEN = { size: Infinity, height: Infinity }; // on the current path: a cycle
  const memo = new Map<object, { size: number; height: number }>();
  const measure = (v: unknown): { size: number; height: number } => {
    if (v === null || typeof v !== "object") return LEAF;
    const known = memo.get(v);
    if (known) return known;
    memo.set(v, OPEN);
    let size = 1;
    let height = 0;
    const isArray = Array.isArray(v);
    for (const child of isArray ? v : Object.values(v)) {
      const m = measure(child);
      size += m.size + (isArray ? 0 : 1);
      if (m.height + 1 > height) height = m.height + 1;
      if (size > MAX_EXPANDED_NODES || height > MAX_DEPTH + 1) break;
    }
    const out = { size, height };
    memo.set(v, out);
    return out;
  };
  const m = measure(root);
  return m.size <= MAX_EXPANDED_NODES && m.height <= MAX_DEPTH + 1; // height counts the levels below too
}
const LEAF = { size: 1, height: 0 };

/** The document path alone (every error located); parseCompose tries the fast reader first. Exported for tests. */
export function parseWithLines(text: string, options: ParseOptions): ParseResult {
  const lineCounter = new LineCounter();
  // merge: YAML `<<` merge keys are common in compose files (x-defaults anchors).
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        path: "",
        message: e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""),
        line: e.linePos?.[0].line,
      })),
    };
  }
  const withLines = (issues: (Issue | InterpolationError)[]): ParseResult => ({
    ok: false,
    errors: issues
      .map((i) => ({
        path: formatPath(i.path),
        message: i.message,
        line: locateLine(doc, lineCounter, i.path),
        ...("variable" in i && i.variable ? { variable: i.variable } : {}),
      }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  });

  const aliasProblem = inlineAliases(doc);
  if (aliasProblem) return { ok: false, errors: [{ path: "", message: aliasProblem }] };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: -1 });
  } catch (e) {
    // e.g. too many alias expansions (a "billion laughs" document).
    return { ok: false, errors: [{ path: "", message: e instanceof Error ? e.message : String(e) }] };
  }
  return fromValue(
    raw,
    doc.warnings.map((w) => w.message),
    options,
    withLines,
  );
}

/**
 * The stages after YAML: shape, v1 format, interpolation, schema, normalization, the AppSpec check.
 * `withLines` turns issues into located errors (the fast path gives up on any issue, see parseCompose).
 */
function fromValue(
  raw: unknown,
  yamlWarnings: string[],
  options: ParseOptions,
  withLines: (issues: (Issue | InterpolationError)[]) => ParseResult,
  /** The fast reader's walk already vouched for it: no cycle, not too deep (fitsBudget). */
  shapeChecked = false,
): ParseResult {
  const shapeError = shapeChecked ? null : cycleOrDepthError(raw);
  if (shapeError) return { ok: false, errors: [{ path: "", message: shapeError }] };
  if (!isRaw(raw)) {
    return {
      ok: false,
      errors: [{ path: "", message: "a compose file must be a mapping with a services: key", line: 1 }],
    };
  }

  if (looksLikeV1(raw)) {
    return {
      ok: false,
      errors: [
        {
          path: "",
          line: 1,
          message:
            "this is the old v1 compose format (services at the top level) — indent the services under a services: key",
        },
      ],
    };
  }

  const interpolationErrors: InterpolationError[] = [];
  const value = interpolateMap(raw, options.variables ?? {}, interpolationErrors);
  if (interpolationErrors.length > 0) return withLines(interpolationErrors);

  const schemaErrors = validateComposeSchema(value);
  if (schemaErrors.length > 0) return withLines(schemaErrors);

  const ctx: Ctx = {
    errors: [],
    warnings: yamlWarnings,
    variables: options.variables ?? {},
    folder: options.folder,
  };
  const spec = normalizeCompose(ctx, value, options.profiles);
  if (!spec) return withLines(ctx.errors);

  // Whatever normalization produced must satisfy the AppSpec schema, and the spec is its output, shaped like a stored
  // revision read back: without this pass, a repository app's plan named `volumes` changed on every commit
  // (tests/compose/repository.int.test.ts).
  const checked = AppSpecSchema.safeParse(spec);
  if (!checked.success) {
    return withLines(
      checked.error.issues.map((i) => ({
        path: i.path.filter((s) => typeof s !== "symbol"),
        message: i.message,
      })),
    );
  }
  return { ok: true, spec: checked.data, warnings: ctx.warnings };
}

const MAX_DEPTH = 64;

/**
 * A YAML alias may point at a node that contains it (`a: &a [*a]`): toJS then returns a cyclic value, and every
 * recursive walk after it (interpolation, schema, normalization) would overflow the stack. Refused here, with
 * nesting deeper than any compose file needs.
 */
function cycleOrDepthError(root: unknown): string | null {
  const open = new Set<object>();
  const walk = (v: unknown, depth: number): string | null => {
    if (v === null || typeof v !== "object") return null;
    if (open.has(v)) return "a YAML alias refers to a node that contains it (a cycle)";
    if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
    open.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      const e = walk(child, depth + 1);
      if (e) return e;
    }
    open.delete(v);
    return null;
  };
  return walk(root, 0);
}
