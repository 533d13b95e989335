// npm run bench:scale -- --hosts 1000 --containers 100 --rate 1000 --clients 1000 --soak-minutes 10
// Registers N simulated engines in a fresh Wharf production server and measures sync time, memory, event→SSE
// latency, API latency under concurrency and the containers page in Chromium. See docs/scale.md.
import fs from "node:fs";
import path from "node:path";
import { latencyMatrix, parseScaleArgs, USAGE } from "./scale/args";
import { registerHosts, waitForFleet } from "./scale/fleet";
import { adminToken, LoopbackClient } from "./scale/http";
import { runLoad } from "./scale/http-load";
import { machineInfo, openFilesLimit } from "./scale/machine";
import { measureContainersPage } from "./scale/page";
import { buildRows, formatTable, type LatencyRun, type ScaleResults } from "./scale/report";
import { startSimProcess, type SimHandle } from "./scale/sim";
import { SseClients } from "./scale/sse-clients";
import { growth, median, summarize } from "./scale/stats";
import { commitSnapshot, ensureBuild, startWharf, type WharfProcess } from "./scale/wharf";

let args: ReturnType<typeof parseScaleArgs>;
try {
  args = parseScaleArgs(process.argv.slice(2));
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const a = args;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => console.log(`[scale ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const expected = a.hosts * a.containers;

const fdNeeded = a.clients + 200;
if (openFilesLimit() < fdNeeded) console.warn(`[scale] warning: open-files limit ${openFilesLimit()} < ~${fdNeeded} needed for ${a.clients} SSE clients (ulimit -n)`);

let sim: SimHandle | null = null;
let wharf: WharfProcess | null = null;
let sse: SseClients | null = null;
let client: LoopbackClient | null = null;
let stopping: Promise<void> | null = null;
/** Stops everything this run started, once, whatever state the run is in. */
const cleanup = () =>
  (stopping ??= (async () => {
    sse?.close();
    client?.close();
    await wharf?.stop().catch(() => {});
    await sim?.stop().catch(() => {});
  })());
for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void cleanup().then(() => process.exit(130)));

/** Server CPU (% of one core) and simulator CPU over a phase: tells which side limited a figure. */
async function withCpu<T>(fn: () => Promise<T>): Promise<T & { serverCpuPercent: number; simCpuPercent: number }> {
  const c0 = wharf!.cpuSeconds();
  const t0 = performance.now();
  await sim!.stats();
  const out = await fn();
  const serverCpuPercent = ((wharf!.cpuSeconds() - c0) / ((performance.now() - t0) / 1000)) * 100;
  return { ...out, serverCpuPercent, simCpuPercent: (await sim!.stats()).cpuPercent };
}

async function measureLatency(clients: number, rate: number, seconds: number): Promise<LatencyRun & { serverCpuPercent: number; simCpuPercent: number }> {
  await sim!.setRate(rate);
  await sleep(3_000); // warm: the server's batches settle at the new rate
  sse!.reset();
  const e0 = (await sim!.stats()).eventsEmitted;
  return withCpu(async () => {
    await sleep(seconds * 1000);
    const emitted = (await sim!.stats()).eventsEmitted - e0;
    const perMeter = sse!.changes / Math.max(1, sse!.meters);
    return { clients, rate, meters: sse!.meters, latency: summarize(sse!.latencies), changesPerEvent: perMeter / Math.max(1, emitted), resyncs: sse!.resyncs, errors: sse!.errors };
  });
}

async function main() {
  const machine = machineInfo();
  log(`${a.hosts} hosts × ${a.containers} containers, rate ${a.rate}/s, clients ${a.clients}, soak ${a.soakMinutes} min on ${machine.cpus} × ${machine.cpuModel}`);
  const src = a.commit ? commitSnapshot(a.commit) : { dir: process.cwd(), commit: `${machine.commit} (working tree)` };
  ensureBuild(src.dir, a.rebuild);
  sim = await startSimProcess({ engines: a.hosts, containersPerEngine: a.containers, eventsPerSecond: 0, seed: a.seed, socketDir: `/tmp/wharf-scale-${process.pid}` });
  log(`simulator up (pid ${sim.pid}): ${sim.endpoints.length} engines`);
  wharf = await startWharf(a.port, src.dir);
  log(`wharf up (pid ${wharf.pid}) at ${wharf.baseUrl}, data in ${wharf.dataDir}`);
  const token = await adminToken(wharf.baseUrl, wharf.adminEmail, wharf.adminPassword);
  client = new LoopbackClient(wharf.baseUrl, Math.max(64, a.httpConcurrency));
  client.headers.authorization = `Bearer ${token}`;
  const rssIdle = wharf.rss();

  // 1. Sync: events paused so "every container" is an exact count.
  const t0 = performance.now();
  const registerMs = await registerHosts(client, sim.endpoints, a.registerConcurrency);
  const registerSeconds = (performance.now() - t0) / 1000;
  log(`registered ${a.hosts} hosts in ${registerSeconds.toFixed(1)} s (POST p50 ${summarize(registerMs).p50.toFixed(0)} ms)`);
  await waitForFleet(client, a.hosts, expected, Math.max(120_000, a.hosts * 200));
  const syncSeconds = (performance.now() - t0) / 1000;
  log(`fleet in sync: ${expected} containers after ${syncSeconds.toFixed(1)} s`);
  await sleep(5_000);
  const rssAfterSyncBytes = median([wharf.rss(), (await sleep(500), wharf.rss()), (await sleep(500), wharf.rss())]);
  log(`RSS idle ${(rssIdle / 1048576).toFixed(0)} MiB, after sync ${(rssAfterSyncBytes / 1048576).toFixed(0)} MiB`);

  // 2. Soak: events at the high rate with 100 clients; RSS every 2 s, latency over the whole soak.
  sse = new SseClients(wharf.baseUrl, token);
  const soakClients = Math.min(100, a.clients);
  await sse.connect(soakClients, a.meters);
  await sim.setRate(a.rate);
  sse.reset();
  const rssSamples: number[] = [];
  const soakEnd = performance.now() + a.soakMinutes * 60_000;
  let lastLog = 0;
  const soakCpu = await withCpu(async () => {
    while (performance.now() < soakEnd) {
      rssSamples.push(wharf!.rss());
      if (performance.now() - lastLog > 60_000) (lastLog = performance.now()), log(`soak: RSS ${(rssSamples.at(-1)! / 1048576).toFixed(0)} MiB, ${sse!.latencies.length} latency samples`);
      await sleep(Math.min(2_000, Math.max(0, soakEnd - performance.now())));
    }
    return {};
  });
  rssSamples.push(wharf.rss());
  const g = growth(rssSamples, 10);
  const soak = { minutes: a.soakMinutes, rate: a.rate, clients: soakClients, startBytes: g.start, endBytes: g.end, growth: g.growth, latency: sse.latencies.length ? summarize(sse.latencies) : null, ...soakCpu };
  log(`soak done: RSS ${(g.start / 1048576).toFixed(0)} → ${(g.end / 1048576).toFixed(0)} MiB (${(g.growth * 100).toFixed(1)} %)`);

  // 3. Latency matrix: reconnect per client count so the meters are spread over all of them.
  const latency: Awaited<ReturnType<typeof measureLatency>>[] = [];
  for (const clients of [...new Set(latencyMatrix(a).map((m) => m.clients))]) {
    sse.close();
    await sim.setRate(0);
    await sse.connect(clients, a.meters, 120_000);
    for (const { rate } of latencyMatrix(a).filter((m) => m.clients === clients)) {
      const run = await measureLatency(clients, rate, a.duration);
      latency.push(run);
      log(`latency ${rate} ev/s, ${clients} clients: p50 ${run.latency.p50.toFixed(1)} p95 ${run.latency.p95.toFixed(1)} p99 ${run.latency.p99.toFixed(1)} ms (n=${run.latency.n}, server CPU ${run.serverCpuPercent.toFixed(0)} %)`);
    }
  }
  sse.close();

  // 4. API under 50 concurrent requests, with the fleet alive (100 ev/s).
  await sim.setRate(Math.min(100, a.rate));
  const load = { concurrency: a.httpConcurrency, requests: a.httpRequests, maxSeconds: 60 };
  const counters = await withCpu(() => runLoad(client!, "/counters", load));
  log(`counters: p50 ${counters.latency.p50.toFixed(1)} p95 ${counters.latency.p95.toFixed(1)} ms, ${counters.rps.toFixed(0)} req/s`);
  const containersPage = await withCpu(() => runLoad(client!, "/containers?q=turing&sort=name&limit=100", load));
  log(`containers page: p50 ${containersPage.latency.p50.toFixed(1)} p95 ${containersPage.latency.p95.toFixed(1)} ms, ${containersPage.rps.toFixed(0)} req/s`);

  // 5. The containers page in Chromium.
  const page = a.browser ? await measureContainersPage(wharf.baseUrl, wharf.adminEmail, wharf.adminPassword, expected, log) : null;
  const rssEndBytes = wharf.rss();

  const results: ScaleResults = { syncSeconds, registerSeconds, rssAfterSyncBytes, soak, latency, counters, containersPage, page };
  const rows = buildRows(results, { rate: a.rate, clients: Math.min(100, a.clients) });
  console.log(`\n${formatTable(rows)}\n`);
  const out = { machine: { ...machine, measuredCommit: src.commit }, args: a, rssIdleBytes: rssIdle, rssEndBytes, rssSamples, registerLatency: summarize(registerMs), results, rows };
  fs.mkdirSync(path.dirname(a.out), { recursive: true });
  fs.writeFileSync(a.out, `${JSON.stringify(out, null, 2)}\n`);
  log(`written to ${a.out}`);
}

main()
  .then(cleanup, async (err) => {
    console.error(`[scale] failed: ${(err as Error).stack ?? err}`);
    if (wharf) console.error(`[scale] server log: ${wharf.dataDir}/server.log`);
    await cleanup();
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => process.exit(), 500).unref());
