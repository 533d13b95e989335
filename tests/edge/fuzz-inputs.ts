// What the fuzz test sends: bodies derived from each operation's JSON schema (in the OpenAPI document), bad path
// parameters, bad query values and bad multipart. Every body but `wrongTypes` is invalid as a whole, and each
// `wrongTypes` body breaks exactly one property, so no variant is ever a valid request that changes something.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  minimum?: number;
  minLength?: number;
};

/** A compose file whose alias contains itself: the parser's walk must refuse it, not recurse forever. */
export const CYCLIC_COMPOSE = "a: &a [*a]\nservices:\n  web:\n    image: busybox:latest\n";

/** A plausible value for a schema (the first branch of a union); `compose` strings get the cyclic YAML. */
export function sample(s: JsonSchema | undefined, key = "", depth = 0): unknown {
  if (!s || depth > 6) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const branch = s.oneOf?.[0] ?? s.anyOf?.find((b) => b.type !== "null") ?? s.allOf?.[0];
  if (branch) return sample(branch, key, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, k, depth + 1);
      return out;
    }
    case "array":
      return [sample(s.items, key, depth + 1)];
    case "string":
      return key === "compose" ? CYCLIC_COMPOSE : "x".repeat(Math.max(1, s.minLength ?? 1));
    case "integer":
    case "number":
      return Math.max(1, s.minimum ?? 1);
    case "boolean":
      return false;
    default:
      return {};
  }
}

/** A value of another JSON type than `v`. */
function wrongType(v: unknown): unknown {
  if (typeof v === "string") return 12345;
  if (typeof v === "number") return "not-a-number";
  if (typeof v === "boolean") return "yes";
  if (Array.isArray(v)) return { not: "an array" };
  if (v && typeof v === "object") return ["not", "an", "object"];
  return { unexpected: true };
}

export type BodyVariant = {
  name: string;
  body?: string;
  type?: string;
  declaredLength?: number;
  chunks?: number;
};

const JSON_TYPE = "application/json";

export function bodyVariants(
  schema: JsonSchema | undefined,
  opts: { noEmpty?: boolean } = {},
): BodyVariant[] {
  const s = sample(schema);
  const text = JSON.stringify(s);
  const v: BodyVariant[] = [
    { name: "truncated", body: text.slice(0, Math.max(1, Math.floor(text.length / 2))), type: JSON_TYPE },
    { name: "text/plain", body: text, type: "text/plain" },
    { name: "no content type", body: text },
    { name: "null", body: "null", type: JSON_TYPE },
    { name: "array", body: "[1,2,3]", type: JSON_TYPE },
    { name: "string", body: '"x"', type: JSON_TYPE },
    { name: "deep", body: `${'{"a":'.repeat(200)}1${"}".repeat(200)}`, type: JSON_TYPE },
    { name: "deeper", body: `${"[".repeat(50_000)}${"]".repeat(50_000)}`, type: JSON_TYPE },
    { name: "huge declared", body: " ".repeat(1024), type: JSON_TYPE, declaredLength: 100 * 1024 * 1024 },
    { name: "huge chunked", body: " ".repeat(64 * 1024), type: JSON_TYPE, chunks: 160 },
    {
      name: "__proto__",
      body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
      type: JSON_TYPE,
    },
  ];
  if (!opts.noEmpty)
    v.push({ name: "empty", body: "" }, { name: "empty object", body: "{}", type: JSON_TYPE });
  if (s && typeof s === "object" && !Array.isArray(s)) {
    for (const key of Object.keys(s).slice(0, 8))
      v.push({
        name: `wrong type: ${key}`,
        body: JSON.stringify({ ...s, [key]: wrongType((s as Record<string, unknown>)[key]) }),
        type: JSON_TYPE,
      });
    if (text.includes("&a [*a]")) v.push({ name: "cyclic compose", body: text, type: JSON_TYPE });
  }
  return v;
}

export const BAD_PATH_VALUES = [
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "..%2F",
  "%2e%2e",
  "%00",
  "%ZZ",
  "x".repeat(3000),
  "%F0%9F%92%A9",
];

export const BAD_QUERY_VALUES = ["-1", "%ZZ", "x".repeat(5000), "1e999", "[]"];

export const MULTIPART_VARIANTS: BodyVariant[] = [
  { name: "multipart without boundary", body: "garbage", type: "multipart/form-data" },
  { name: "multipart with garbage", body: "not a multipart body", type: "multipart/form-data; boundary=XYZ" },
  {
    name: "multipart, spec not JSON",
    body: '--XYZ\r\nContent-Disposition: form-data; name="spec"\r\n\r\n{nope\r\n--XYZ--\r\n',
    type: "multipart/form-data; boundary=XYZ",
  },
  {
    name: "multipart, file before spec",
    body: '--XYZ\r\nContent-Disposition: form-data; name="context"; filename="c.tar"\r\n\r\nabc\r\n--XYZ--\r\n',
    type: "multipart/form-data; boundary=XYZ",
  },
];
