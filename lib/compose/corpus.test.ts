// The conformance corpus (tests/compose-corpus/): public compose files, each with the outcome of a
// reference (docker-compose 1.29's `config`, or compose-go's assertions). Per file: does Wharf plan it,
// as an admin and as a developer, and why not; and for files both plan, per service, do image, command,
// entrypoint, environment, ports, volumes, networks, labels, user, working_dir and healthcheck agree once
// both sides are normalized the same way (the normalizers below are the test's own, not Wharf's).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { exportCompose } from "./export";
import { parseCompose, type ParseResult } from "./parse";
import { checkAdmission } from "../policy/admission";

const CORPUS = join(import.meta.dirname, "../../tests/compose-corpus");
const Expected = z.object({
  reference: z.string(),
  ok: z.boolean(),
  error: z.string().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  missingVariables: z.array(z.string()).optional(),
  /** compose-go expectations: service → field → value, only the fields its test asserted. */
  services: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
type Expected = z.infer<typeof Expected>;

const files = readFileSync(join(CORPUS, "sources.tsv"), "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"))
  .map((l) => l.split("\t")[0]);

function expectedOf(file: string): Expected | null {
  const p = join(CORPUS, file.replace(/\.yml$/, ".expected.json"));
  return existsSync(p) ? Expected.parse(JSON.parse(readFileSync(p, "utf8"))) : null;
}

/** Why a file does not plan, by category (the definition of done names the first three). */
export function category(r: ParseResult & { ok: false }): string {
  const text = r.errors.map((e) => e.message).join("\n");
  if (/no folder for this app yet/.test(text)) return "relative path (needs a repository or archive source)";
  if (/variable \$\{\w+\} is (not set|required)|is required$/m.test(text) && /variable/.test(text))
    return "missing variables";
  if (/v1 compose format/.test(text)) return "v1 format";
  return `other: ${r.errors[0].path} ${r.errors[0].message}`;
}

// ---- the test's own normalization, applied to both sides ----
type Raw = Record<string, unknown>;
const REF_HOME = "/tmp/compose-corpus-ref";
const REF_DIR = `${REF_HOME}/project`;

function shellSplit(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q: string | null = null;
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === q) q = null;
      else if (c === "\\" && q === '"' && i + 1 < s.length && '"\\$`'.includes(s[i + 1])) cur += s[++i];
      else cur += c;
    } else if (c === "'" || c === '"') [q, has] = [c, true];
    else if (c === "\\" && i + 1 < s.length) [cur, has] = [cur + s[++i], true];
    else if (/\s/.test(c)) {
      if (has) out.push(cur);
      [cur, has] = ["", false];
    } else [cur, has] = [cur + c, true];
  }
  if (has) out.push(cur);
  return out;
}
const argv = (v: unknown) =>
  v === undefined || v === null ? null : Array.isArray(v) ? v.map(String) : shellSplit(String(v));
/** `unset`: what an entry without a value becomes — environment: left out (unset); labels: "". */
const map = (v: unknown, unset: "drop" | "empty" = "empty"): Record<string, string> => {
  if (!v) return {};
  const pairs: [string, string | null][] = Array.isArray(v)
    ? v.map((e: string) => [e.split("=")[0], e.includes("=") ? e.slice(e.indexOf("=") + 1) : null])
    : Object.entries(v as Raw).map(([k, x]) => [k, x === null ? null : String(x)]);
  return Object.fromEntries(
    pairs.filter(([, x]) => x !== null || unset === "empty").map(([k, x]) => [k, x ?? ""]),
  );
};
function ports(v: unknown): string[] {
  const out: string[] = [];
  for (const p of (v as unknown[] | undefined) ?? []) {
    if (typeof p === "object" && p !== null) {
      const o = p as Raw;
      out.push(`${o.host_ip ?? ""}|${o.published ?? ""}|${o.target}|${o.protocol ?? "tcp"}`);
      continue;
    }
    const [rest, proto = "tcp"] = String(p).split("/");
    const parts = rest.split(":");
    const target = parts.pop()!;
    const published = parts.pop() ?? "";
    const ip = parts.join(":");
    const [t0, t1 = t0] = target.split("-").map(Number);
    const [p0] = published ? published.split("-").map(Number) : [NaN];
    for (let i = 0; i <= t1 - t0; i++) out.push(`${ip}|${published ? p0 + i : ""}|${t0 + i}|${proto}`);
  }
  return out.sort();
}
const trim = (p: string) => (p.length > 1 ? p.replace(/\/+$/, "") : p);
function volumes(v: unknown): string[] {
  return ((v as unknown[] | undefined) ?? [])
    .map((m) => {
      if (typeof m === "object" && m !== null) {
        const o = m as Raw;
        return `${String(o.type)}|${trim(String(o.source ?? ""))}|${trim(String(o.target))}|${o.read_only === true ? "ro" : "rw"}`;
      }
      const parts = String(m).split(":");
      const mode = parts.length === 3 ? parts.pop()! : "rw";
      const target = parts.pop()!;
      const source = parts.pop() ?? "";
      const type = source === "" || !/[/.~]/.test(source[0] ?? "") ? "volume" : "bind";
      return `${type}|${trim(source)}|${trim(target)}|${mode.split(",").includes("ro") ? "ro" : "rw"}`;
    })
    .filter((m) => !m.startsWith("tmpfs"))
    .sort();
}
const ms = (d: unknown, dflt: number) => {
  if (d === undefined || d === null) return dflt;
  let total = 0;
  for (const m of String(d).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2] as "s"];
  return total;
};
function healthcheck(h: unknown): unknown {
  if (!h) return null;
  const o = h as Raw;
  if (o.disable === true || (Array.isArray(o.test) && o.test[0] === "NONE")) return "disabled";
  const test = typeof o.test === "string" ? ["CMD-SHELL", o.test] : (o.test ?? []);
  return {
    test,
    interval: ms(o.interval, 30000),
    timeout: ms(o.timeout, 30000),
    retries: Number(o.retries ?? 3),
    start: ms(o.start_period, 0),
  };
}
const networks = (s: Raw): string[] =>
  s.network_mode !== undefined
    ? []
    : (Array.isArray(s.networks)
        ? (s.networks as string[])
        : Object.keys((s.networks as Raw | undefined) ?? { default: null })
      ).sort();

/** docker-compose 1.29 writes "$" as "$$" in its output; relative paths come back under its scratch folder. */
function unescapeRef(v: unknown): unknown {
  if (typeof v === "string")
    return v
      .replaceAll("$$", "$")
      .replaceAll(`${REF_DIR}/`, "./")
      .replaceAll(REF_DIR, ".")
      .replaceAll(`${REF_HOME}/`, "~/"); // the script runs docker-compose with HOME=/tmp/compose-corpus-ref
  if (Array.isArray(v)) return v.map(unescapeRef);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unescapeRef(x)]));
  return v;
}

function comparable(s: Raw) {
  const labels = Object.fromEntries(Object.entries(map(s.labels)).filter(([k]) => !k.startsWith("wharf.")));
  return {
    image: s.image ?? null,
    command: argv(s.command),
    entrypoint: argv(s.entrypoint),
    environment: map(s.environment, "drop"),
    ports: ports(s.ports),
    volumes: volumes(s.volumes),
    networks: networks(s),
    labels,
    user: s.user === undefined ? null : String(s.user),
    working_dir: s.working_dir ?? null,
    healthcheck: healthcheck(s.healthcheck),
  };
}

type Outcome = { file: string; admin: string; developer: string };
const outcomes: Outcome[] = [];
const compared: string[] = [];

describe("compose conformance corpus", () => {
  it("holds at least 80 files, at least 40 of them public with repository, path and commit", () => {
    const rows = readFileSync(join(CORPUS, "sources.tsv"), "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"));
    expect(rows.length).toBeGreaterThanOrEqual(80);
    for (const row of rows) expect(row.split("\t")).toHaveLength(4);
    for (const f of files) expect(existsSync(join(CORPUS, f))).toBe(true);
  });

  it.each(files)("%s: Wharf's export matches the reference per service", (file) => {
    const text = readFileSync(join(CORPUS, file), "utf8");
    const expected = expectedOf(file);
    const plain = parseCompose(text);
    const admin = plain.ok
      ? "plans"
      : expected && !expected.ok && category(plain).startsWith("other")
        ? "refused by the reference too"
        : category(plain);
    const developer = plain.ok
      ? (() => {
          const a = checkAdmission(plain.spec, { isAdmin: false });
          return a.allowed
            ? "plans"
            : `policy: ${a.violations.map((v) => v.reason.split(/[;(—]/)[0].trim()).join(" / ")}`;
        })()
      : admin;
    outcomes.push({ file, admin, developer });
    // "missing variables" is a refusal only until they are given: give what the reference left blank.
    const vars = Object.fromEntries((expected?.missingVariables ?? []).map((v) => [v, ""]));
    const r = admin === "missing variables" ? parseCompose(text, { variables: vars }) : plain;
    if (!r.ok || !expected?.ok || !expected.config) return;
    const ours = z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .parse(exportCompose(r.spec).services);
    const Config = z.object({
      services: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    });
    const refServices = Config.parse(unescapeRef(expected.config)).services;
    for (const [name, svc] of Object.entries(ours)) {
      expect(refServices[name], `${file}: service ${name} missing from the reference`).toBeDefined();
      expect(comparable(svc), `${file}: services.${name}`).toEqual(comparable(refServices[name]));
    }
    compared.push(file);
  });

  it("reports how many files plan and why the others are refused", () => {
    const count = (key: "admin" | "developer") => {
      const by: Record<string, number> = {};
      for (const o of outcomes) {
        const k = o[key].startsWith("other:") ? "other" : o[key].startsWith("policy:") ? o[key] : o[key];
        by[k] = (by[k] ?? 0) + 1;
      }
      return by;
    };
    console.log(
      JSON.stringify(
        {
          files: outcomes.length,
          compared: compared.length,
          admin: count("admin"),
          developer: count("developer"),
        },
        null,
        1,
      ),
    );
    const others = outcomes.filter((o) => o.admin.startsWith("other"));
    console.log(others.map((o) => `${o.file}: ${o.admin}`).join("\n"));
    expect(outcomes.length).toBe(files.length);
  });
});
