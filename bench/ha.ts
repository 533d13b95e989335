// npm run bench:ha -- [--hosts 200] [--containers 100] [--rate 200] [--clients 1000] [--concurrency 32] [--seconds 20]
//   [--one-direct]
// One Wharf instance against two, both behind HAProxy (issue 20), on one PostgreSQL database, with the engine
// simulator: the CPU-seconds each set-up's instances spend serving GET /api/v1/containers (per 1,000 requests) and SSE
// fan-out (per 1,000 frames), ingestion apart (every instance follows every engine, so it is measured in an idle
// window of the same length and subtracted; for SSE, with one stream per instance, so that building each batch's frame
// counts with it), how the clients split, and p50/p99. Results: bench/results/ha.json. See docs/scale.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { closedLoop, StreamClients } from "./ha/clients";
import { registerHosts, waitForFleet } from "./scale/fleet";
import { adminToken, LoopbackClient } from "./scale/http";
import { loadAverage, machineInfo } from "./scale/machine";
import { startProvenSim, type SimHandle } from "./scale/sim";
import { summarize } from "./scale/stats";
import { readCpuSeconds, startWharf, type WharfProcess } from "./scale/wharf";
import { freePort } from "../tests/deploy/helpers";
import { startHaproxy } from "../tests/helpers/ha-pair";
import { testDatabase } from "../tests/helpers/test-database";

const { values: v } = parseArgs({
  options: {
    hosts: { type: "string", default: "200" },
    containers: { type: "string", default: "100" },
    rate: { type: "string", default: "200" },
    clients: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "32" },
    seconds: { type: "string", default: "20" },
    "dist-dir": { type: "string", default: ".next-ha" },
    "one-direct": { type: "boolean", default: false },
    out: { type: "string", default: "bench/results/ha.json" },
  },
});
const a = {
  hosts: Number(v.hosts),
  containers: Number(v.containers),
  rate: Number(v.rate),
  clients: Number(v.clients),
  concurrency: Number(v.concurrency),
  seconds: Number(v.seconds),
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => console.log(`[ha ${new Date().toISOString().slice(11, 19)}] ${msg}`);
if (!fs.existsSync(path.join(v["dist-dir"]!, "BUILD_ID")))
  throw new Error(`no build in ${v["dist-dir"]}: NEXT_DIST_DIR=${v["dist-dir"]} npx next build first`);

let sim: SimHandle | null = null;
const started: { stop: () => Promise<void> }[] = [];
const cleanup = async () => {
  for (const s of started.splice(0).reverse()) await s.stop().catch(() => undefined);
  await sim?.stop().catch(() => undefined);
};
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.once(sig, () => void cleanup().then(() => process.exit(130)));

/** CPU-seconds of each process over `fn`. */
async function cpuOver<T>(pids: number[], fn: () => Promise<T>) {
  const c0 = pids.map(readCpuSeconds);
  const t0 = performance.now();
  const out = await fn();
  return {
    out,
    seconds: (performance.now() - t0) / 1000,
    cpu: pids.map((p, i) => readCpuSeconds(p) - c0[i]),
  };
}
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const round = (x: number, d = 3) => Number(x.toFixed(d));

async function setUp(instances: 1 | 2, secret: string) {
  // A fresh database per set-up (PostgreSQL in both, so the number of instances is the only difference).
  const databaseUrl = (await testDatabase(fs.mkdtempSync(path.join(os.tmpdir(), "wharf-ha-bench-")), true))
    .url;
  const env = (n: number) => ({
    WHARF_SECRET_KEY: secret,
    DATABASE_URL: databaseUrl,
    WHARF_MIGRATE: "0",
    NEXT_DIST_DIR: v["dist-dir"]!,
    WHARF_INSTANCE_ID: `wharf-${n}`,
    WHARF_TRUSTED_PROXIES: "127.0.0.1/32",
  });
  const servers: WharfProcess[] = [];
  const ports = [await freePort(), await freePort()];
  const first = await startWharf(ports[0], process.cwd(), env(1));
  started.push(first);
  servers.push(first);
  const token = await adminToken(first.baseUrl, first.adminEmail, first.adminPassword);
  const client = new LoopbackClient(first.baseUrl, 16);
  client.headers.authorization = `Bearer ${token}`;
  // One POST /hosts each, eight at a time: a bulk request's transaction (5 s) expired on the loaded shared machine.
  await registerHosts(client, sim!.endpoints, 8, 1, `sim${instances}`);
  await waitForFleet(client, a.hosts, a.hosts * a.containers, 300_000);
  client.close();
  if (instances === 2) {
    // Started after the hosts were registered: an instance loads the host list at start (docs/scale.md).
    const second = await startWharf(ports[1], process.cwd(), env(2));
    started.push(second);
    servers.push(second);
    const c2 = new LoopbackClient(second.baseUrl, 4);
    c2.headers.authorization = `Bearer ${token}`;
    await waitForFleet(c2, a.hosts, a.hosts * a.containers, 300_000);
    c2.close();
  }
  // Both set-ups behind the same HAProxy (one instance: both server lines name it), so the number of instances is
  // the only difference (until session 14 HAProxy opened a connection to the instance per request, which a direct
  // single instance skipped; it now keeps them alive, scripts/ha/haproxy.cfg).
  // --one-direct: the single instance without HAProxy, as runs before 2026-12-03 19:00 measured it.
  let entry = first.baseUrl;
  let proxyPid: number | null = null;
  if (instances === 2 || !v["one-direct"]) {
    const proxy = await startHaproxy([ports[0], ports[instances - 1]]);
    started.push(proxy);
    entry = proxy.url;
    proxyPid = proxy.pid;
  }
  log(`${instances} instance(s) in sync: ${a.hosts * a.containers} containers; entry ${entry}`);
  return { servers, entry, token, proxyPid };
}

async function measure(instances: 1 | 2, secret: string) {
  const { servers, entry, token, proxyPid } = await setUp(instances, secret);
  const pids = servers.map((s) => s.pid);
  await sim!.setRate(a.rate);
  await sleep(5_000);
  // Ingestion: events flowing, nobody asking. Each instance's CPU per second of it.
  const idle = await cpuOver(pids, () => sleep(a.seconds * 1000));
  const ingest = idle.cpu.map((c) => c / idle.seconds);
  log(`ingestion: ${ingest.map((x) => x.toFixed(3)).join(" + ")} CPU-s/s`);
  const serving = (w: { seconds: number; cpu: number[] }) => sum(w.cpu) - sum(ingest) * w.seconds;
  const proxyCpu = async <T>(fn: () => Promise<T>) => {
    const p0 = proxyPid ? readCpuSeconds(proxyPid) : 0;
    const out = await fn();
    return { out, proxy: proxyPid ? readCpuSeconds(proxyPid) - p0 : 0 };
  };

  const http = await proxyCpu(() =>
    cpuOver(pids, () => closedLoop(entry, "/containers", token, a.concurrency, a.seconds)),
  );
  const hs = summarize(http.out.out.ms);
  const httpServing = serving(http.out);
  // Printed now too: on a loaded machine the SSE phase below can fail (HAProxy takes a starved instance out).
  log(
    `GET /containers: ${hs.n} in ${http.out.seconds.toFixed(1)} s (${http.out.out.errors} errors), p50 ${hs.p50.toFixed(1)} p99 ${hs.p99.toFixed(1)} ms, serving ${((httpServing / hs.n) * 1000).toFixed(3)} CPU-s per 1,000`,
  );

  // Framing: with one stream on each instance, each builds every change batch's frame (once per batch, however many
  // clients: paid per instance, like ingestion). Measured in a window of its own so that SSE serving is what the
  // clients add (writing each frame to each stream); the figure with framing in serving is reported too.
  const streams = new StreamClients(entry, token);
  await streams.connect(instances);
  await sleep(3_000);
  const framingWindow = await cpuOver(pids, () => sleep(a.seconds * 1000));
  const framing = framingWindow.cpu.map((c) => c / framingWindow.seconds);
  log(`ingestion with one stream per instance: ${framing.map((x) => x.toFixed(3)).join(" + ")} CPU-s/s`);
  await streams.connect(a.clients - instances);
  await sleep(3_000);
  streams.counting = true;
  const sse = await proxyCpu(() => cpuOver(pids, () => sleep(a.seconds * 1000)));
  streams.counting = false;
  const ss = summarize(streams.latencies);
  const sseServingWithFraming = serving(sse.out);
  const sseServing = sum(sse.out.cpu) - sum(framing) * sse.out.seconds;
  log(
    `SSE: ${a.clients} clients, ${streams.frames} frames, event→client p50 ${ss.p50.toFixed(0)} p99 ${ss.p99.toFixed(0)} ms`,
  );
  streams.close();
  await sim!.setRate(0);
  await stopSetUp();
  return {
    instances,
    ingestionCpuSecondsPerSecond: ingest.map((x) => round(x, 4)),
    http: {
      path: "GET /api/v1/containers",
      concurrency: a.concurrency,
      requests: hs.n,
      errors: http.out.out.errors,
      seconds: round(http.out.seconds, 1),
      rps: round(hs.n / http.out.seconds, 1),
      // One instance behind HAProxy: both server names are that instance.
      split: instances === 1 ? { "one instance": hs.n } : http.out.out.split,
      p50Ms: round(hs.p50, 1),
      p99Ms: round(hs.p99, 1),
      instanceCpuSeconds: http.out.cpu.map((c) => round(c)),
      servingCpuSeconds: round(httpServing),
      servingCpuSecondsPer1000: round((httpServing / hs.n) * 1000),
      haproxyCpuSeconds: round(http.proxy),
    },
    sse: {
      clients: a.clients,
      frames: streams.frames,
      errors: streams.errors,
      refusedAndRetried: streams.refused,
      seconds: round(sse.out.seconds, 1),
      split: instances === 1 ? { "one instance": a.clients } : streams.split,
      p50Ms: round(ss.p50, 1),
      p99Ms: round(ss.p99, 1),
      instanceCpuSeconds: sse.out.cpu.map((c) => round(c)),
      ingestionWithOneStreamCpuSecondsPerSecond: framing.map((x) => round(x, 4)),
      servingCpuSeconds: round(sseServing),
      servingCpuSecondsPer1000: round((sseServing / Math.max(1, streams.frames)) * 1000),
      servingWithFramingCpuSecondsPer1000: round(
        (sseServingWithFraming / Math.max(1, streams.frames)) * 1000,
      ),
      haproxyCpuSeconds: round(sse.proxy),
    },
  };
}
async function stopSetUp() {
  for (const s of started.splice(0).reverse()) await s.stop().catch(() => undefined);
}

async function main() {
  const loadBefore = loadAverage();
  const proven = await startProvenSim("ha-bench", { engines: a.hosts, containersPerEngine: a.containers });
  sim = proven.sim;
  const { secret } = proven;
  log(`simulator up: ${a.hosts} engines × ${a.containers} containers`);
  const one = await measure(1, secret);
  // Kept at once: a failure of the second set-up leaves the first one's figures.
  fs.mkdirSync(path.dirname(v.out!), { recursive: true });
  fs.writeFileSync(
    v.out!,
    `${JSON.stringify({ machine: machineInfo(), params: a, loadAverageBefore: loadBefore, one, two: null }, null, 2)}\n`,
  );
  const two = await measure(2, secret);
  const ratio = (k: "http" | "sse") =>
    round(two[k].servingCpuSecondsPer1000 / one[k].servingCpuSecondsPer1000, 3);
  const sseWithFraming = round(
    two.sse.servingWithFramingCpuSecondsPer1000 / one.sse.servingWithFramingCpuSecondsPer1000,
    3,
  );
  const result = {
    machine: machineInfo(),
    params: a,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadAverage(),
    one,
    two,
    oneInstanceEntry: v["one-direct"] ? "direct" : "HAProxy",
    twoOverOne: { http: ratio("http"), sse: ratio("sse"), sseWithFraming },
    target: "two instances spend ≤ 1.15× the serving CPU per unit of one",
    targetMet: ratio("http") <= 1.15 && ratio("sse") <= 1.15,
  };
  fs.mkdirSync(path.dirname(v.out!), { recursive: true });
  fs.writeFileSync(v.out!, `${JSON.stringify(result, null, 2)}\n`);
  const row = (name: string, f: (r: typeof one) => string) =>
    console.log(`${name.padEnd(44)}${f(one).padEnd(30)}${f(two)}`);
  console.log(
    `\n${"".padEnd(44)}${`one instance${v["one-direct"] ? "" : " behind HAProxy"}`.padEnd(30)}two behind HAProxy`,
  );
  row("ingestion CPU-s per s (each instance)", (r) => r.ingestionCpuSecondsPerSecond.join(" + "));
  row("GET /containers: requests (split)", (r) => `${r.http.requests} ${JSON.stringify(r.http.split)}`);
  row("GET /containers: p50 / p99 ms", (r) => `${r.http.p50Ms} / ${r.http.p99Ms}`);
  row("GET /containers: serving CPU-s per 1,000", (r) => String(r.http.servingCpuSecondsPer1000));
  row("SSE: clients (split)", (r) => `${r.sse.clients} ${JSON.stringify(r.sse.split)}`);
  row("SSE: frames", (r) => String(r.sse.frames));
  row("SSE: event→client p50 / p99 ms", (r) => `${r.sse.p50Ms} / ${r.sse.p99Ms}`);
  row("SSE: ingestion with one stream, CPU-s per s", (r) =>
    r.sse.ingestionWithOneStreamCpuSecondsPerSecond.join(" + "),
  );
  row("SSE: serving CPU-s per 1,000 frames", (r) => String(r.sse.servingCpuSecondsPer1000));
  row("SSE: same, framing counted as serving", (r) => String(r.sse.servingWithFramingCpuSecondsPer1000));
  row("HAProxy CPU-s (GET / SSE windows)", (r) => `${r.http.haproxyCpuSeconds} / ${r.sse.haproxyCpuSeconds}`);
  console.log(
    `two / one per unit: GET ${result.twoOverOne.http}, SSE ${result.twoOverOne.sse} (framing as serving: ${sseWithFraming}) (target ≤ 1.15); one instance ${result.oneInstanceEntry}`,
  );
  console.log(
    `load average before ${loadBefore.join(" ")}, after ${result.loadAverageAfter.join(" ")}; ${v.out}`,
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => void cleanup());
