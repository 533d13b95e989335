// Compose `${VAR}` interpolation over string values (never keys).
// Values come ONLY from the caller's `variables` map: the server's own
// environment (process.env) is never read, so nothing can leak from the host.
//   $$            → literal "$"
//   ${VAR} $VAR   → variables[VAR]; an error when unset
//   ${VAR:-def}   → def when VAR is unset or empty   ${VAR-def} → def when unset
//   ${VAR:?msg}   → error when unset or empty        ${VAR?msg} → error when unset
//   ${VAR:+alt}   → alt when VAR is set and non-empty, else ""  (${VAR+alt}: when set)
// Defaults and messages may themselves hold ${...} (nested), resolved only when used.
import { isRaw, type Raw } from "./raw";
import type { PathSeg } from "./path";

export type Variables = Readonly<Record<string, string>>;
/** `variable`: set when the error is a missing variable (unset, or `${V:?}` / `${V?}` not satisfied). */
export type InterpolationError = { path: PathSeg[]; message: string; variable?: string };
type Resolved = { value: string } | { error: string; variable?: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?$/s;

export function interpolateString(text: string, vars: Variables): Resolved {
  if (!text.includes("$")) return { value: text }; // most values: nothing to do, nothing to copy
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "$") {
      // Copy up to the next "$" in one piece.
      const next = text.indexOf("$", i);
      const end = next < 0 ? text.length : next;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
    } else if (next === "{") {
      const close = matchingBrace(text, i + 2);
      if (close === -1) return { error: `unterminated "\${" in "${text}"` };
      const body = text.slice(i + 2, close);
      const r = resolveBraced(body, vars);
      if ("error" in r) return r;
      out += r.value;
      i = close + 1;
    } else {
      const m = NAME.exec(text.slice(i + 1));
      if (!m) {
        out += "$"; // a lone "$" (e.g. "costs 5$") is kept as written
        i++;
        continue;
      }
      const r = resolveBraced(m[0], vars);
      if ("error" in r) return r;
      out += r.value;
      i += 1 + m[0].length;
    }
  }
  return { value: out };
}

/** Index of the "}" closing the "${" whose body starts at `from`, skipping nested ${...} and $$. */
function matchingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "$") i++;
    else if (text[i] === "$" && text[i + 1] === "{") {
      depth++;
      i++;
    } else if (text[i] === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function resolveBraced(body: string, vars: Variables): Resolved {
  const m = BRACED.exec(body);
  if (!m) return { error: `invalid interpolation "\${${body}}"` };
  const [, name, op, rawArg = ""] = m;
  // The default / alternative / message may itself interpolate; resolved lazily (only when used).
  const argOf = () => interpolateString(rawArg, vars);
  const isSet = Object.prototype.hasOwnProperty.call(vars, name);
  const value = isSet ? vars[name] : undefined;
  const usable = op?.startsWith(":") ? isSet && value !== "" : isSet;
  switch (op) {
    case undefined:
      if (!isSet) {
        return {
          variable: name,
          error: `variable \${${name}} is not set — Wharf never reads the server's environment; write the value, use \${${name}:-default}, or escape a literal $ as $$`,
        };
      }
      return { value: value! };
    case ":-":
    case "-":
      return usable ? { value: value! } : argOf();
    case ":?":
    case "?": {
      if (usable) return { value: value! };
      const msg = argOf();
      return { variable: name, error: ("value" in msg && msg.value) || `variable \${${name}} is required` };
    }
    default: // ":+" and "+"
      return usable ? argOf() : { value: "" };
  }
}

/** Walk a parsed YAML value and interpolate every string, collecting errors with their paths. */
export function interpolateValues(
  value: unknown,
  vars: Variables,
  errors: InterpolationError[],
  path: PathSeg[] = [],
): unknown {
  // `path` is one stack, pushed and popped on the way down and copied only into an error: a file of
  // hundreds of services has tens of thousands of values.
  if (typeof value === "string") {
    const r = interpolateString(value, vars);
    if ("error" in r) {
      errors.push({ path: [...path], message: r.error, ...(r.variable ? { variable: r.variable } : {}) });
      return value;
    }
    return r.value;
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      out[i] = interpolateValues(value[i], vars, errors, path);
      path.pop();
    }
    return out;
  }
  return isRaw(value) ? interpolateMap(value, vars, errors, path) : value;
}

/** interpolateValues of a mapping, typed as one. */
export function interpolateMap(
  value: Raw,
  vars: Variables,
  errors: InterpolationError[],
  path: PathSeg[] = [],
): Raw {
  const out: Raw = {};
  for (const k of Object.keys(value)) {
    path.push(k);
    const v = interpolateValues(value[k], vars, errors, path);
    path.pop();
    // A "__proto__" key stays a plain key, never a prototype (defineProperty only where assignment would not).
    if (k === "__proto__")
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}
