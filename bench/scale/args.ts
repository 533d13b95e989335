// Flags of `npm run bench:scale` (pure, unit-tested).
import { parseArgs } from "node:util";

export type ScaleArgs = {
  hosts: number;
  containers: number;
  /** The high event rate (events/s across the fleet); the low one is 100 (or this, if lower). */
  rate: number;
  /** The most SSE clients connected at once; the matrix measures 100 (or fewer) and this. */
  clients: number;
  /** Seconds of each latency measurement window. */
  duration: number;
  soakMinutes: number;
  seed: number;
  port: number;
  registerConcurrency: number;
  /** Hosts per registration request: 1 = POST /hosts each (every run before 2026-12-03), more = POST /hosts/bulk. */
  registerBatch: number;
  meters: number;
  /** Share of the unmetered SSE clients that ask for container changes (`?containers=1`, a containers page open);
   *  the others are header-only streams (counters and hosts). Meters always ask. 1 = every client (worst case). */
  watchers: number;
  httpConcurrency: number;
  httpRequests: number;
  rebuild: boolean;
  /** Measure this commit from a clean copy (git archive) instead of the working tree; "" = working tree. */
  commit: string;
  /** Which measurements run after the sync: soak, latency, http, page. */
  phases: Set<string>;
  /** After the run, the same fleet on a fresh PostgreSQL database: GET /counters again (issue 20). */
  postgresCounters: boolean;
  /** Scheduling priority (nice, -20..19) for the server, the simulator and the bench; below 0 needs root. */
  priority: number;
  out: string;
};

export const PHASES = ["soak", "latency", "http", "page"] as const;

export const USAGE = `usage: npm run bench:scale -- [--hosts 1000] [--containers 100] [--rate 1000] [--clients 1000]
  [--duration 20] [--soak-minutes 10] [--seed 1] [--port 3195] [--register-concurrency 16] [--register-batch 1] [--meters 20] [--watchers 1]
  [--http-concurrency 50] [--http-requests 5000] [--no-browser] [--rebuild] [--commit HEAD] [--phases soak,latency,http,page] [--postgres-counters] [--priority=-10] [--out bench/results/scale.json]`;

export function parseScaleArgs(argv: string[]): ScaleArgs {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      hosts: { type: "string", default: "1000" },
      containers: { type: "string", default: "100" },
      rate: { type: "string", default: "1000" },
      clients: { type: "string", default: "1000" },
      duration: { type: "string", default: "20" },
      "soak-minutes": { type: "string", default: "10" },
      seed: { type: "string", default: "1" },
      port: { type: "string", default: "3195" },
      "register-concurrency": { type: "string", default: "16" },
      "register-batch": { type: "string", default: "1" },
      meters: { type: "string", default: "20" },
      watchers: { type: "string", default: "1" },
      "http-concurrency": { type: "string", default: "50" },
      "http-requests": { type: "string", default: "5000" },
      "no-browser": { type: "boolean", default: false },
      rebuild: { type: "boolean", default: false },
      "postgres-counters": { type: "boolean", default: false },
      commit: { type: "string", default: "" },
      phases: { type: "string", default: PHASES.join(",") },
      priority: { type: "string", default: "0" },
      out: { type: "string", default: "bench/results/scale.json" },
    },
  });
  const num = (name: string, min: number, max: number, integer = true) => {
    const raw = v[name as keyof typeof v] as string;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n)))
      throw new Error(
        `--${name}: expected ${integer ? "an integer" : "a number"} in ${min}..${max}, got ${raw}`,
      );
    return n;
  };
  return {
    hosts: num("hosts", 1, 20_000),
    containers: num("containers", 1, 10_000),
    rate: num("rate", 1, 100_000),
    clients: num("clients", 1, 5_000),
    duration: num("duration", 1, 3_600, false),
    soakMinutes: num("soak-minutes", 0, 600, false),
    seed: num("seed", 0, 2 ** 31),
    port: num("port", 1024, 65_535),
    registerConcurrency: num("register-concurrency", 1, 256),
    registerBatch: num("register-batch", 1, 100),
    meters: num("meters", 1, 1_000),
    watchers: num("watchers", 0, 1, false),
    httpConcurrency: num("http-concurrency", 1, 1_000),
    httpRequests: num("http-requests", 1, 1_000_000),
    rebuild: !!v.rebuild,
    commit: v.commit!,
    phases: parsePhases(v.phases!, !!v["no-browser"]),
    postgresCounters: !!v["postgres-counters"],
    priority: num("priority", -20, 19),
    out: v.out!,
  };
}

/** The (rate, clients) combinations of the latency matrix: 100 and the high value of each, deduplicated. */
export function latencyMatrix(a: Pick<ScaleArgs, "rate" | "clients">): { clients: number; rate: number }[] {
  const rates = [...new Set([Math.min(100, a.rate), a.rate])];
  const clients = [...new Set([Math.min(100, a.clients), a.clients])];
  return clients.flatMap((c) => rates.map((r) => ({ clients: c, rate: r })));
}

function parsePhases(list: string, noBrowser: boolean): Set<string> {
  const out = new Set(
    list
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean),
  );
  if (noBrowser) out.delete("page");
  for (const p of out)
    if (!(PHASES as readonly string[]).includes(p))
      throw new Error(`--phases: unknown phase "${p}" (use ${PHASES.join(",")})`);
  return out;
}
