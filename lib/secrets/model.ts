// The one secret model (docs/security.md, "Secrets"), shared by app environments, build arguments, the
// audit log and error bodies — and by the compose work's app variables. A value is secret when:
//   1. the developer marked its name secret (an image app's `secretEnv`, a build's `secretArgs`); or
//   2. its name has a secret word: PASSWORD, PASSWD, PASS, PWD, SECRET, TOKEN, KEY, APIKEY, CREDENTIAL(S),
//      AUTH, PRIVATE, SALT, DSN, as a whole word of the name (DB_PASSWORD, NPM_TOKEN, aws_secret_access_key,
//      apiKey) — never as a fragment (MONKEY, PASSENGER, AUTHOR are not secrets); or
//   3. it holds credentials inside a URL (scheme://user:pass@host): then only the password part is secret,
//      so a DATABASE_URL still shows which host it points at.

export const MASK = "••••••";

const SECRET_WORDS = new Set([
  "password",
  "passwd",
  "pass",
  "pwd",
  "secret",
  "secrets",
  "token",
  "tokens",
  "key",
  "apikey",
  "credential",
  "credentials",
  "auth",
  "private",
  "salt",
  "dsn",
]);

/** Words of a name: split on _ - . and camelCase boundaries, lowercased. */
const words = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);

export function isSecretName(name: string): boolean {
  return words(name).some((w) => SECRET_WORDS.has(w));
}

/** user:pass@ in any scheme://… inside the text (the user part is kept, the password masked). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s@/]+)@/gi;

export function hasUrlCredentials(value: string): boolean {
  return new RegExp(URL_CREDENTIALS.source, "i").test(value);
}

/** Masks only the passwords inside URLs; everything else stays readable. */
export function maskUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, (_m, head: string) => `${head}${MASK}@`);
}

export function isSecretEntry(name: string, value: string, marked: readonly string[] = []): boolean {
  return marked.includes(name) || isSecretName(name) || hasUrlCredentials(value);
}

/** What a reader who may not see secrets gets for one entry. */
export function maskValue(name: string, value: string, marked: readonly string[] = []): string {
  if (marked.includes(name) || isSecretName(name)) return MASK;
  return maskUrlCredentials(value);
}

export function maskRecord(
  record: Record<string, string>,
  marked: readonly string[] = [],
): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, maskValue(k, v, marked)]));
}

/** The literal secret strings of a record (whole values, or URL passwords), to scrub them from free text. */
export function secretStrings(record: Record<string, string>, marked: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(record)) {
    if (marked.includes(k) || isSecretName(k)) out.push(v);
    else for (const m of v.matchAll(URL_CREDENTIALS)) out.push(m[2]);
  }
  // Very short values would mask unrelated text; they are masked where they stand as values anyway.
  return [...new Set(out.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
}

/** Free text (a compose file, a Dockerfile, a message) with every known secret string and URL password masked. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.replaceAll(s, MASK);
  return maskUrlCredentials(out);
}

/** A copy of a JSON value with every known secret string masked in every string (keys included). */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return scrubText(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrubText(k, secrets), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * A copy of a JSON value with values under secret-looking keys masked and URL passwords masked in every
 * string: the last guard before the audit log and error bodies.
 */
export function redactDeep(value: unknown, key = ""): unknown {
  if (typeof value === "string") return key && isSecretName(key) ? MASK : maskUrlCredentials(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, k)]));
  return value;
}
