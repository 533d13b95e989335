// How compose files combine (the spec's merge rules, simplified to what people write): an override file's
// mappings merge into the base's, sequences of ports/volumes/etc. are appended without duplicates, any other
// value replaces. `extends` uses the same mapping rule as extends within one file (normalize-top.ts).
import { isRaw as isMap, type Raw } from "../raw";

export { isMap, type Raw };

/** Keys whose list or mapping form means NAME=value entries. */
const ENTRY_KEYS = new Set(["environment", "labels", "extra_hosts", "annotations", "sysctls"]);
/** Sequences an override adds to (the spec's "sequence merge" keys); command/entrypoint replace. */
const APPENDED = new Set([
  "ports",
  "expose",
  "volumes",
  "dns",
  "dns_search",
  "dns_opt",
  "cap_add",
  "cap_drop",
  "devices",
  "env_file",
  "secrets",
  "configs",
  "tmpfs",
  "external_links",
  "links",
  "security_opt",
  "group_add",
  "volumes_from",
]);

/** `["A=1", "B"]` or `{A: 1}` → `{A: "1", B: null}`. */
export function entriesOf(v: unknown): Raw | undefined {
  if (Array.isArray(v))
    return Object.fromEntries(
      v.map((e) => {
        const text = String(e);
        const eq = text.indexOf("=");
        return eq < 0 ? [text, null] : [text.slice(0, eq), text.slice(eq + 1)];
      }),
    );
  return isMap(v) ? v : undefined;
}

export function mergeValue(key: string, base: unknown, over: unknown): unknown {
  if (base === undefined) return over;
  if (over === undefined) return base;
  if (ENTRY_KEYS.has(key)) {
    const b = entriesOf(base);
    const o = entriesOf(over);
    if (b && o) return { ...b, ...o };
  }
  if (APPENDED.has(key) && Array.isArray(base) && Array.isArray(over)) {
    const seen = new Set(base.map((x) => JSON.stringify(x)));
    return [...base, ...over.filter((x) => !seen.has(JSON.stringify(x)))];
  }
  if (isMap(base) && isMap(over) && key !== "command" && key !== "entrypoint") {
    const out: Raw = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = mergeValue(k, base[k], v);
    return out;
  }
  return over;
}

/** A whole compose document with an override on top. */
export function mergeDocuments(base: Raw, over: Raw): Raw {
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeValue(k, base[k], v);
  return out;
}
