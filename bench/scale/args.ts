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
  meters: number;
  httpConcurrency: number;
  httpRequests: number;
  browser: boolean;
  rebuild: boolean;
  /** Measure this commit from a clean copy (git archive) instead of the working tree; "" = working tree. */
  commit: string;
  out: string;
};

export const USAGE = `usage: npm run bench:scale -- [--hosts 1000] [--containers 100] [--rate 1000] [--clients 1000]
  [--duration 20] [--soak-minutes 10] [--seed 1] [--port 3195] [--register-concurrency 16] [--meters 20]
  [--http-concurrency 50] [--http-requests 5000] [--no-browser] [--rebuild] [--commit HEAD] [--out bench/results/scale.json]`;

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
      meters: { type: "string", default: "20" },
      "http-concurrency": { type: "string", default: "50" },
      "http-requests": { type: "string", default: "5000" },
      "no-browser": { type: "boolean", default: false },
      rebuild: { type: "boolean", default: false },
      commit: { type: "string", default: "" },
      out: { type: "string", default: "bench/results/scale.json" },
    },
  });
  const num = (name: string, min: number, max: number, integer = true) => {
    const raw = v[name as keyof typeof v] as string;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) throw new Error(`--${name}: expected ${integer ? "an integer" : "a number"} in ${min}..${max}, got ${raw}`);
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
    meters: num("meters", 1, 1_000),
    httpConcurrency: num("http-concurrency", 1, 1_000),
    httpRequests: num("http-requests", 1, 1_000_000),
    browser: !v["no-browser"],
    rebuild: !!v.rebuild,
    commit: v.commit!,
    out: v.out!,
  };
}

/** The (rate, clients) combinations of the latency matrix: 100 and the high value of each, deduplicated. */
export function latencyMatrix(a: Pick<ScaleArgs, "rate" | "clients">): { clients: number; rate: number }[] {
  const rates = [...new Set([Math.min(100, a.rate), a.rate])];
  const clients = [...new Set([Math.min(100, a.clients), a.clients])];
  return clients.flatMap((c) => rates.map((r) => ({ clients: c, rate: r })));
}
