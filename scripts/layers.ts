// The layer map of docs/CONVENTIONS.md as data: every source file belongs to one layer, and a file may import only
// from its own layer or a lower one. `scripts/layers.test.ts` checks the whole tree against it.
import fs from "node:fs";
import path from "node:path";

export type Layer = { name: string; rank: number; match: (file: string) => boolean };

const under = (dir: string) => (file: string) => file.startsWith(`${dir}/`);
const is =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

/** First match wins, so the specific entries (entry points, the shared error module) come before their folders. */
export const LAYERS: Layer[] = [
  {
    name: "entry",
    rank: 100,
    match: is(
      "server.ts",
      "instrumentation.ts",
      "lib/startup.ts",
      "lib/fleet/http.ts",
      "lib/server-diagnostics.ts",
      // server.ts's idle keep-alive policy for trusted proxies (issue 20).
      "lib/http-keepalive.ts",
      // server.ts's stop on SIGTERM/SIGINT: out of the balancer, then the requests in flight end (issue 20).
      "lib/graceful-stop.ts",
    ),
  },
  {
    name: "base",
    rank: 0,
    match: is(
      "lib/db.ts",
      // PostgreSQL's migrator: server.ts runs it before anything serves (like lib/db.ts, below every layer).
      "lib/postgres-migrations.ts",
      "lib/crypto.ts",
      "lib/config.ts",
      "lib/api/errors.ts",
      "lib/api/error-codes.ts",
      // Field errors of a failed zod parse: the API's 422 and the browser's form check share it.
      "lib/api/invalid-input.ts",
      // Reading a failed engine call: pure, and the one engine-error mapper in lib/api/errors.ts needs it.
      "lib/docker/engine-error.ts",
      // The secret model: error bodies and the audit log mask with it (lib/secrets/spec.ts is engine level).
      "lib/secrets/model.ts",
      "lib/secrets/at-rest.ts",
    ),
  },
  { name: "generated", rank: 0, match: under("lib/generated") },
  // Prometheus instruments: deploys, builds, the fleet and the HTTP edge all record into them.
  { name: "metrics", rank: 10, match: under("lib/metrics") },
  { name: "app", rank: 90, match: under("app") },
  { name: "components", rank: 85, match: under("components") },
  { name: "client", rank: 85, match: under("lib/client") },
  { name: "http", rank: 80, match: under("lib/api") },
  { name: "services", rank: 70, match: under("lib/services") },
  { name: "openapi", rank: 65, match: under("lib/openapi") },
  {
    name: "domain",
    rank: 60,
    match: (f) => ["deploy", "builds", "ops", "fleet", "alerts", "edge"].some((d) => under(`lib/${d}`)(f)),
  },
  { name: "access", rank: 55, match: (f) => under("lib/auth")(f) || is("lib/authz.ts", "lib/audit.ts")(f) },
  {
    name: "engine",
    rank: 50,
    match: (f) =>
      ["docker", "compose", "policy", "egress", "images", "secrets"].some((d) => under(`lib/${d}`)(f)),
  },
  { name: "contract", rank: 40, match: under("lib/validations") },
];

/** Where layered code lives; tests, scripts, benchmarks and e2e specs sit outside the layers and may import any. */
export const LAYERED_ROOTS = ["app", "components", "lib", "server.ts", "instrumentation.ts"];

export function layerOf(file: string): Layer | undefined {
  return LAYERS.find((l) => l.match(file));
}

export type Import = { from: string; to: string; typeOnly: boolean };

const IMPORT_RE =
  /^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;

/** The project files a source file imports (`@/…` and relative specifiers resolved to repo paths). */
export function importsOf(root: string, file: string): Import[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const found: Import[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[3] ?? m[4];
    const target = resolveSpecifier(root, file, spec);
    if (target) found.push({ from: file, to: target, typeOnly: Boolean(m[2]) });
  }
  return found;
}

function resolveSpecifier(root: string, file: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.posix.join(path.posix.dirname(file), spec);
  else return undefined;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find(
    (c) => fs.existsSync(path.join(root, c)) && fs.statSync(path.join(root, c)).isFile(),
  );
}

/** Every layered .ts/.tsx source file (tests excluded), as repo-relative paths. */
export function layeredFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(root, rel);
    if (fs.statSync(abs).isFile()) {
      if (/\.tsx?$/.test(rel) && !/\.test\.tsx?$/.test(rel)) out.push(rel);
      return;
    }
    for (const name of fs.readdirSync(abs)) {
      if (name === "node_modules" || name.startsWith(".") || rel === "lib/generated") continue;
      walk(rel ? `${rel}/${name}` : name);
    }
  };
  for (const r of LAYERED_ROOTS) if (fs.existsSync(path.join(root, r))) walk(r);
  return out;
}
