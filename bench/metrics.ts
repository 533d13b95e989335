// npm run bench:metrics -- --hosts 1000 --containers 100 --rate 1000
// Issue 24's metrics figures, each next to its target: first the metrics history's (bench/metrics-history.ts:
// collector CPU at the default interval, cost per sample, database growth per day, chart query p95), then the
// `GET /metrics` scrape time and size with the simulated fleet in sync (the default, and with
// WHARF_METRICS_CONTAINERS=1; skipped with --history-only 1). See docs/metrics.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { measureHistory, printHistory } from "./metrics-history";
import { registerHosts, waitForFleet } from "./scale/fleet";
import { adminToken, LoopbackClient } from "./scale/http";
import { startProvenSim, type SimHandle } from "./scale/sim";
import { summarize } from "./scale/stats";
import { startWharf, type WharfProcess } from "./scale/wharf";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i < 0 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a whole number`);
  return v;
};
const a = {
  hosts: arg("hosts", 1000),
  containers: arg("containers", 100),
  rate: arg("rate", 1000),
  port: arg("port", 3196),
  scrapes: arg("scrapes", 10),
  tenants: arg("tenants", 10),
  /** 1: only the metrics-history figures (the in-process collector), not the /metrics scrapes. */
  historyOnly: arg("history-only", 0),
  /** 0: skip the metrics-history figures (only the /metrics scrapes). */
  history: arg("history", 1),
  /** 0: only the default scrape, not the second one with WHARF_METRICS_CONTAINERS=1. */
  perContainer: arg("per-container", 1),
  /** 0: skip the cost per sample on the real engine (it starts 40 busybox containers). */
  real: arg("real", 1),
};
const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!a.historyOnly && !fs.existsSync(path.join(distDir, "BUILD_ID")))
  throw new Error(`no production build in ${distDir}: run \`npx next build\` first`);
const TARGET_SCRAPE_S = 2;
const log = (msg: string) => console.log(`[metrics ${new Date().toISOString().slice(11, 19)}] ${msg}`);

let sim: SimHandle | null = null;
let wharf: WharfProcess | null = null;
const cleanup = async () => {
  await wharf?.stop().catch(() => {});
  await sim?.stop().catch(() => {});
};
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.once(sig, () => void cleanup().then(() => process.exit(130)));

/** The simulator labels containers with tenants t0..t<n-1>: give the database tenants with those very ids. */
async function seedTenants(client: LoopbackClient, dbFile: string) {
  const db = new Database(dbFile);
  try {
    for (let k = 0; k < a.tenants; k++) {
      const t = await client.json<{ id: string }>("POST", "/tenants", { name: `Sim tenant ${k}` });
      db.prepare("UPDATE Tenant SET id = ? WHERE id = ?").run(`t${k}`, t.id);
    }
  } finally {
    db.close();
  }
}

async function scrapeOnce(baseUrl: string, token: string) {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET /metrics: HTTP ${res.status} ${body.slice(0, 200)}`);
  return {
    ms: performance.now() - t0,
    bytes: Buffer.byteLength(body),
    series: body.match(/^[a-z_]+[{ ]/gm)?.length ?? 0,
  };
}

/** A request that does next to nothing (one readiness query): sent beside each scrape, it times the server's queue. */
async function readyOnce(baseUrl: string) {
  const t0 = performance.now();
  await (await fetch(`${baseUrl}/api/v1/ready`)).text();
  return performance.now() - t0;
}

type Run = {
  label: string;
  p50Ms: number;
  maxMs: number;
  bytes: number;
  series: number;
  /** GET /api/v1/ready sent with each scrape: when it takes as long, the scrape waited for the server, not its work. */
  readyP50Ms: number;
  readyMaxMs: number;
  /** The server's CPU over the scrapes, % of one core: far below 100 with slow answers means it waited for a CPU. */
  serverCpuPercent: number;
};

async function measure(label: string, env: Record<string, string>, secret: string): Promise<Run> {
  wharf = await startWharf(a.port, process.cwd(), {
    WHARF_SECRET_KEY: secret,
    NEXT_DIST_DIR: distDir,
    ...env,
  });
  log(`${label}: wharf up (pid ${wharf.pid}), data in ${wharf.dataDir}`);
  const token = await adminToken(wharf.baseUrl, wharf.adminEmail, wharf.adminPassword);
  const client = new LoopbackClient(wharf.baseUrl);
  client.headers = { authorization: `Bearer ${token}` };
  try {
    await seedTenants(client, path.join(wharf.dataDir, "wharf.db"));
    const scrapeToken = (
      await client.json<{ token: string }>("POST", "/tokens", { name: "bench", scopes: ["metrics"] })
    ).token;
    await sim!.setRate(0);
    await registerHosts(client, sim!.endpoints, 8); // 8, not 16: a loaded machine timed probes out at 16
    await waitForFleet(client, a.hosts, a.hosts * a.containers, 600_000);
    await sim!.setRate(a.rate);
    await sleep(3_000); // every host has applied events: the event-lag series exist
    await scrapeOnce(wharf.baseUrl, scrapeToken); // the first scrape registers the fleet's gauges
    if (env.WHARF_METRICS_CONTAINERS === "1") {
      // Per-container series come from the collector's last pass: wait until one left at least hosts × containers / 2
      // lines (7 series a container: ~7,000 containers). A pass that began before the sync ended covers part of the
      // fleet; a full one at 80,000 running takes ~16 min, paced.
      const t0 = Date.now();
      while ((await scrapeOnce(wharf.baseUrl, scrapeToken)).series < (a.hosts * a.containers) / 2) {
        if (Date.now() - t0 > 40 * 60_000) throw new Error("no collector pass over the fleet within 40 min");
        await sleep(30_000);
      }
      log(`${label}: per-container series after ${((Date.now() - t0) / 60_000).toFixed(1)} min`);
    }
    const runs = [];
    const ready: number[] = [];
    const cpu0 = wharf.cpuSeconds();
    const t0 = performance.now();
    for (let i = 0; i < a.scrapes; i++) {
      const [r, q] = await Promise.all([scrapeOnce(wharf.baseUrl, scrapeToken), readyOnce(wharf.baseUrl)]);
      runs.push(r);
      ready.push(q);
    }
    const serverCpuPercent = ((wharf.cpuSeconds() - cpu0) / ((performance.now() - t0) / 1000)) * 100;
    const s = summarize(runs.map((r) => r.ms));
    const q = summarize(ready);
    const last = runs[runs.length - 1];
    const run = {
      label,
      p50Ms: s.p50,
      maxMs: s.max,
      bytes: last.bytes,
      series: last.series,
      readyP50Ms: q.p50,
      readyMaxMs: q.max,
      serverCpuPercent,
    };
    log(`${label}: ${JSON.stringify(run)}`); // kept even when a later phase fails
    return run;
  } finally {
    client.close();
    await wharf.stop();
    wharf = null;
  }
}

if (a.history) {
  const history = await measureHistory({ hosts: a.hosts, containers: a.containers, real: a.real === 1 });
  printHistory(history);
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(
    "bench/results/metrics-history.json",
    `${JSON.stringify({ at: new Date().toISOString(), ...history }, null, 1)}\n`,
  );
}
if (a.historyOnly) process.exit(0);

try {
  const proven = await startProvenSim("metrics", {
    engines: a.hosts,
    containersPerEngine: a.containers,
    tenants: a.tenants,
  });
  sim = proven.sim;
  const { secret } = proven;
  log(`simulator up (pid ${sim.pid}): ${a.hosts} engines × ${a.containers} containers, ${a.rate} events/s`);
  // The metrics history is on, as by default: once the fleet is in sync a paced pass (~84 calls/s here) runs beside
  // the scrapes.
  const results = [await measure("default", {}, secret)];
  if (a.perContainer)
    results.push(
      await measure("per-container (WHARF_METRICS_CONTAINERS=1)", { WHARF_METRICS_CONTAINERS: "1" }, secret),
    );
  const load = os.loadavg().map((l) => l.toFixed(1));
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(
    "bench/results/metrics-scrape.json",
    `${JSON.stringify({ at: new Date().toISOString(), hosts: a.hosts, containers: a.containers, rate: a.rate, load, results }, null, 1)}\n`,
  );
  console.log(
    `\n/metrics at ${a.hosts} hosts × ${a.containers} containers, ${a.rate} events/s, ${a.scrapes} scrapes ` +
      `(machine load average ${load.join(" / ")} on ${os.cpus().length} cores: other work inflates the times)`,
  );
  console.log(
    "| series | scrape time p50 / max | target | met | size | samples | /ready beside it p50 / max | server CPU |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of results)
    console.log(
      `| ${r.label} | ${r.p50Ms.toFixed(0)} / ${r.maxMs.toFixed(0)} ms | ≤ ${TARGET_SCRAPE_S} s | ${r.maxMs <= TARGET_SCRAPE_S * 1000 ? "yes" : "NO"} | ${(r.bytes / 1024).toFixed(0)} KiB | ${r.series} | ${r.readyP50Ms.toFixed(0)} / ${r.readyMaxMs.toFixed(0)} ms | ${r.serverCpuPercent.toFixed(0)} % |`,
    );
  console.log(
    "(/ready is one small query: a scrape that takes about as long as it waited behind the server's other work, " +
      "and a server CPU far below 100 % with slow answers means the machine gave it too little CPU)",
  );
} finally {
  await cleanup();
}
