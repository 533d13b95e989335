// npm run bench:scale -- --hosts 1000 --containers 100 --rate 1000 --clients 1000 --soak-minutes 10
// Registers N simulated engines in a fresh Wharf production server and measures sync time, memory, event→SSE
// latency, API latency under concurrency and the containers page in Chromium. See docs/scale.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { latencyMatrix, parseScaleArgs, USAGE } from "./scale/args";
import { loopDelayBetween } from "./scale/diag";
import { registerHosts, waitForFleet } from "./scale/fleet";
import { fetchAnswer, startFloor, type FloorServer } from "./scale/floor";
import { adminToken, LoopbackClient } from "./scale/http";
import { runLoad, type LoadResult } from "./scale/http-load";
import { loadAverage, machineCpuTicks, machineInfo, openFilesLimit } from "./scale/machine";
import { measureContainersPage } from "./scale/page";
import { buildRows, formatTable, type LatencyRun, type ScaleResults } from "./scale/report";
import { startProvenSim, type SimHandle } from "./scale/sim";
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
const log = (msg: string) => console.log(`[scale ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const expected = a.hosts * a.containers;
/**
 * From "fleet in sync" to the next phase: the sync leaves the server a few seconds of its own work (the sorted views
 * merging the last hosts' containers, a full GC of the sync's garbage, the engines' idle sockets closing). The SQLite
 * server's phases start after it (the RSS samples take it), and so does the PostgreSQL server's /counters window.
 */
const SETTLE_MS = 6_000;

const fdNeeded = a.clients + 200;
if (openFilesLimit() < fdNeeded)
  console.warn(
    `[scale] warning: open-files limit ${openFilesLimit()} < ~${fdNeeded} needed for ${a.clients} SSE clients (ulimit -n)`,
  );

let sim: SimHandle | null = null;
let wharf: WharfProcess | null = null;
let sse: SseClients | null = null;
let client: LoopbackClient | null = null;
let floor: FloorServer | null = null;
let stopping: Promise<void> | null = null;
/** Stops everything this run started, once, whatever state the run is in. */
const cleanup = () =>
  (stopping ??= (async () => {
    sse?.close();
    client?.close();
    await floor?.stop().catch(() => {});
    await wharf?.stop().catch(() => {});
    await sim?.stop().catch(() => {});
  })());
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.once(sig, () => void cleanup().then(() => process.exit(130)));

/** % of one core; `othersCpuPercent` is what the rest of the machine (other people's builds and tests) used meanwhile. */
type Cpu = {
  serverCpuPercent: number;
  simCpuPercent: number;
  benchCpuPercent: number;
  othersCpuPercent: number;
  loadAverage: number[];
  /** This process's own event-loop delay (ms, p99 and max): the SSE meters live here, so a stall here is a stall in their figures. */
  benchLoopDelayMs: { p99: number; max: number };
  /** `GET /counters` (~0.1 ms of server CPU) sent one at a time every 25 ms: its p99/max show the server's own stalls. */
  serverProbeMs: { p99: number; max: number };
  /** The server's own event-loop delay (its diagnostics lines): the worst per-second p99, and the max. */
  serverLoopDelayMs: { p99: number; max: number } | null;
};

/** Sends `GET /counters` one at a time, every 25 ms, until stopped: the answer time tracks the server's event-loop stalls. */
function probeServer(): () => Promise<{ p99: number; max: number }> {
  const probe = new LoopbackClient(wharf!.baseUrl, 1);
  probe.headers = { ...client!.headers };
  const times: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const r = await probe.request("GET", "/counters").catch(() => null);
      if (r?.status === 200) times.push(r.ms);
      await sleep(25);
    }
  })();
  return async () => {
    running = false;
    await done;
    probe.close();
    const s = summarize(times);
    return { p99: s.p99, max: s.max };
  };
}
/** CPU (% of one core) of the server, the simulator and this process over a phase: which side limited a figure. */
async function withCpu<T>(fn: () => Promise<T>): Promise<T & Cpu> {
  const c0 = wharf!.cpuSeconds();
  const self0 = process.cpuUsage();
  const m0 = machineCpuTicks();
  const t0 = performance.now();
  const wall0 = Date.now();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const stopProbe = probeServer();
  await sim!.stats();
  const out = await fn();
  loop.disable();
  const serverProbeMs = await stopProbe();
  const benchLoopDelayMs = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
  const dt = (performance.now() - t0) / 1000;
  const self = process.cpuUsage(self0);
  const m1 = machineCpuTicks();
  const machinePercent = ((m1.busy - m0.busy) / (m1.total - m0.total)) * os.cpus().length * 100;
  const cpu = {
    serverCpuPercent: ((wharf!.cpuSeconds() - c0) / dt) * 100,
    simCpuPercent: (await sim!.stats()).cpuPercent,
    benchCpuPercent: ((self.user + self.system) / 1e6 / dt) * 100,
  };
  const othersCpuPercent = Math.max(
    0,
    machinePercent - cpu.serverCpuPercent - cpu.simCpuPercent - cpu.benchCpuPercent,
  );
  await sleep(1_100); // the server's diagnostics line for the last second
  const serverLoopDelayMs = loopDelayBetween(wharf!.diagnostics(), wall0, wall0 + dt * 1000);
  return {
    ...out,
    ...cpu,
    othersCpuPercent,
    loadAverage: loadAverage(),
    benchLoopDelayMs,
    serverProbeMs,
    serverLoopDelayMs,
  };
}
const cpuText = (c: Cpu) =>
  `CPU % of a core: server ${c.serverCpuPercent.toFixed(0)}, bench ${c.benchCpuPercent.toFixed(0)}, sim ${c.simCpuPercent.toFixed(0)}, other processes ${c.othersCpuPercent.toFixed(0)}; load ${c.loadAverage[0]}; bench loop delay p99/max ${c.benchLoopDelayMs.p99.toFixed(0)}/${c.benchLoopDelayMs.max.toFixed(0)} ms; server probe p99/max ${c.serverProbeMs.p99.toFixed(0)}/${c.serverProbeMs.max.toFixed(0)} ms; server loop delay p99/max ${c.serverLoopDelayMs ? `${c.serverLoopDelayMs.p99.toFixed(0)}/${c.serverLoopDelayMs.max.toFixed(0)} ms` : "n/a"}`;

async function measureLatency(clients: number, rate: number, seconds: number) {
  await sim!.setRate(rate);
  await sleep(3_000); // warm: the server's batches settle at the new rate
  sse!.reset();
  const e0 = (await sim!.stats()).eventsEmitted;
  const b0 = sse!.totalBytes();
  return withCpu(async () => {
    await sleep(seconds * 1000);
    const emitted = (await sim!.stats()).eventsEmitted - e0;
    const perMeter = sse!.changes / Math.max(1, sse!.meters);
    const run: LatencyRun = {
      clients,
      rate,
      meters: sse!.meters,
      latency: summarize(sse!.latencies),
      changesPerEvent: perMeter / Math.max(1, emitted),
      resyncs: sse!.resyncs,
      errors: sse!.errors,
    };
    return {
      ...run,
      watching: sse!.watching,
      bytesPerClientPerSecond: (sse!.totalBytes() - b0) / clients / seconds,
    };
  });
}

async function main() {
  const machine = machineInfo();
  log(
    `${a.hosts} hosts × ${a.containers} containers, rate ${a.rate}/s, clients ${a.clients}, phases ${[...a.phases].join(",")} on ${machine.cpus} × ${machine.cpuModel}`,
  );
  const src = a.commit
    ? commitSnapshot(a.commit)
    : { dir: process.cwd(), commit: `${machine.commit} (working tree)` };
  ensureBuild(src.dir, a.rebuild);
  // The server's key, shared with the simulator so its labelled containers carry valid ownership proofs (as
  // Wharf's own do) and members' views hold what they would in production.
  const proven = await startProvenSim(
    "scale",
    { engines: a.hosts, containersPerEngine: a.containers, seed: a.seed },
    // Generating 500,000 containers for 5,000 engines can take longer than 120 s on a busy machine.
    Math.max(120_000, a.hosts * 60),
  );
  sim = proven.sim;
  const { secret } = proven;
  log(`simulator up (pid ${sim.pid}): ${sim.endpoints.length} engines`);
  wharf = await startWharf(a.port, src.dir, { WHARF_SECRET_KEY: secret });
  log(`wharf ${src.commit} up (pid ${wharf.pid}) at ${wharf.baseUrl}, data in ${wharf.dataDir}`);
  const token = await adminToken(wharf.baseUrl, wharf.adminEmail, wharf.adminPassword);
  client = new LoopbackClient(wharf.baseUrl, Math.max(64, a.httpConcurrency));
  client.headers.authorization = `Bearer ${token}`;
  const rssIdle = wharf.rss();
  if (a.priority) {
    // On a shared machine, other people's builds take most of the 2 cores; a higher priority for the three
    // processes measured approximates the dedicated machine the targets assume. Recorded in the results.
    for (const pid of [0, sim.pid, wharf.pid]) os.setPriority(pid, a.priority);
    log(`priority ${a.priority} for bench, simulator and server`);
  }

  // 1. Sync: events paused so "every container" is an exact count.
  const t0 = performance.now();
  let registerMs: number[] = [];
  let registerSeconds = 0;
  const syncCpu = await withCpu(async () => {
    registerMs = await registerHosts(client!, sim!.endpoints, a.registerConcurrency, a.registerBatch);
    registerSeconds = (performance.now() - t0) / 1000;
    log(
      `registered ${a.hosts} hosts in ${registerSeconds.toFixed(1)} s (${a.registerBatch > 1 ? `${a.registerBatch} per POST /hosts/bulk` : "POST /hosts"} p50 ${summarize(registerMs).p50.toFixed(0)} ms)`,
    );
    return waitForFleet(client!, a.hosts, expected, Math.max(120_000, a.hosts * 200));
  });
  const syncSeconds = (performance.now() - t0) / 1000;
  log(`fleet in sync: ${expected} containers after ${syncSeconds.toFixed(1)} s (${cpuText(syncCpu)})`);
  await sleep(SETTLE_MS - 1_000);
  const rssAfterSyncBytes = median([
    wharf.rss(),
    (await sleep(500), wharf.rss()),
    (await sleep(500), wharf.rss()),
  ]);
  log(
    `RSS idle ${(rssIdle / 1048576).toFixed(0)} MiB, after sync ${(rssAfterSyncBytes / 1048576).toFixed(0)} MiB`,
  );
  sse = new SseClients(wharf.baseUrl, token, a.watchers);

  // 2. Soak: events at the high rate with 100 clients; RSS every 2 s, latency over the whole soak.
  let soak: (NonNullable<ScaleResults["soak"]> & Cpu & { changesPerEvent: number; resyncs: number }) | null =
    null;
  const rssSamples: number[] = [];
  if (a.phases.has("soak")) {
    const soakClients = Math.min(100, a.clients);
    await sse.connect(soakClients, a.meters);
    await sim.setRate(a.rate);
    sse.reset();
    const soakEvents0 = (await sim.stats()).eventsEmitted;
    const soakStartServerMs = Date.now() - wharf.spawnedAt;
    const soakStartWall = Date.now();
    const soakEnd = performance.now() + a.soakMinutes * 60_000;
    let lastLog = performance.now();
    const soakCpu = await withCpu(async () => {
      while (performance.now() < soakEnd) {
        rssSamples.push(wharf!.rss());
        if (performance.now() - lastLog > 60_000) {
          lastLog = performance.now();
          log(
            `soak: RSS ${(rssSamples.at(-1)! / 1048576).toFixed(0)} MiB, ${sse!.latencies.length} latency samples, ${sse!.resyncs} resyncs`,
          );
        }
        await sleep(Math.min(2_000, Math.max(0, soakEnd - performance.now())));
      }
      return {};
    });
    rssSamples.push(wharf.rss());
    const g = growth(rssSamples, 10);
    const seen =
      sse.changes / Math.max(1, sse.meters) / Math.max(1, (await sim.stats()).eventsEmitted - soakEvents0);
    const gcs = wharf.gcs().filter((x) => x.atMs >= soakStartServerMs);
    const liveHeapMiB = gcs.length
      ? {
          first: gcs[0].liveMiB,
          last: gcs.at(-1)!.liveMiB,
          min: Math.min(...gcs.map((x) => x.liveMiB)),
          max: Math.max(...gcs.map((x) => x.liveMiB)),
          fullGcs: gcs.length,
          maxCommittedMiB: Math.max(...gcs.map((x) => x.committedMiB)),
        }
      : null;
    // Memory by kind at the start and the end of the soak: which part grew (V8 spaces, external, the rest native).
    const diag = wharf.diagnostics().filter((x) => x.at >= soakStartWall);
    const memory = diag.length ? { first: diag[0], last: diag.at(-1)! } : null;
    if (memory)
      log(
        `soak memory (MiB) first → last: rss ${memory.first.rss} → ${memory.last.rss}, V8 committed ${memory.first.heapTotal} → ${memory.last.heapTotal} (used ${memory.first.heapUsed} → ${memory.last.heapUsed}), external ${memory.first.external} → ${memory.last.external}`,
      );
    soak = {
      minutes: a.soakMinutes,
      rate: a.rate,
      clients: soakClients,
      startBytes: g.start,
      endBytes: g.end,
      growth: g.growth,
      liveHeapMiB,
      memory,
      latency: sse.latencies.length ? summarize(sse.latencies) : null,
      changesPerEvent: seen,
      resyncs: sse.resyncs,
      ...soakCpu,
    };
    log(
      `soak done: RSS ${(g.start / 1048576).toFixed(0)} → ${(g.end / 1048576).toFixed(0)} MiB (${(g.growth * 100).toFixed(1)} %), live heap after full GCs ${liveHeapMiB ? `${liveHeapMiB.first} → ${liveHeapMiB.last} MiB (${liveHeapMiB.fullGcs} GCs)` : "n/a"}, ${(seen * 100).toFixed(0)} % of events seen by each meter, ${sse.resyncs} resyncs, ${cpuText(soakCpu)}`,
    );
    sse.close();
  }

  // 3. API under 50 concurrent requests, with the fleet alive (100 ev/s).
  await sim.setRate(Math.min(100, a.rate));
  let counters: (LoadResult & Cpu) | null = null;
  let countersFloor: Awaited<ReturnType<typeof measureFloor>> | null = null;
  let containersPage: (LoadResult & Cpu) | null = null;
  if (a.phases.has("http")) {
    const load = { concurrency: a.httpConcurrency, requests: a.httpRequests, maxSeconds: 60 };
    counters = await withCpu(() => runLoad(client!, "/counters", load));
    log(
      `counters: p50 ${counters.latency.p50.toFixed(1)} p95 ${counters.latency.p95.toFixed(1)} ms, ${counters.rps.toFixed(0)} req/s, ${cpuText(counters)}`,
    );
    countersFloor = await measureFloor(load);
    log(
      `counters floor (bare node:http, the same answer and load): p50 ${countersFloor.latency.p50.toFixed(1)} p95 ${countersFloor.latency.p95.toFixed(1)} ms, ${countersFloor.rps.toFixed(0)} req/s, CPU % of a core: floor server ${countersFloor.floorCpuPercent.toFixed(0)}, wharf (idle but for 100 ev/s) ${countersFloor.serverCpuPercent.toFixed(0)}, bench ${countersFloor.benchCpuPercent.toFixed(0)}, other processes ${countersFloor.othersCpuPercent.toFixed(0)}; load ${countersFloor.loadAverage[0]}`,
    );
    containersPage = await withCpu(() => runLoad(client!, "/containers?q=turing&sort=name&limit=100", load));
    log(
      `containers page: p50 ${containersPage.latency.p50.toFixed(1)} p95 ${containersPage.latency.p95.toFixed(1)} ms, ${containersPage.rps.toFixed(0)} req/s, ${cpuText(containersPage)}`,
    );
  }

  // 4. The containers page in Chromium (100 ev/s continue).
  const page = a.phases.has("page")
    ? await measureContainersPage(wharf.baseUrl, wharf.adminEmail, wharf.adminPassword, expected, log)
    : null;

  // 5. Latency matrix, last (1,000 clients at the high rate is the heaviest phase); reconnect per client count so
  //    the meters are spread over all of them.
  const latency: Awaited<ReturnType<typeof measureLatency>>[] = [];
  if (a.phases.has("latency")) {
    for (const clients of [...new Set(latencyMatrix(a).map((m) => m.clients))]) {
      sse.close();
      await sim.setRate(0);
      // Every stream's `hello` carries every host (5,000 at the largest size): allow for it.
      await sse.connect(clients, a.meters, Math.max(120_000, a.hosts * 60));
      for (const { rate } of latencyMatrix(a).filter((m) => m.clients === clients)) {
        const run = await measureLatency(clients, rate, a.duration);
        latency.push(run);
        const l = run.latency;
        log(
          `latency ${rate} ev/s, ${clients} clients (${sse!.watching} with containers=1): p50 ${l.p50.toFixed(1)} p95 ${l.p95.toFixed(1)} p99 ${l.p99.toFixed(1)} ms (n=${l.n}, ${(run.changesPerEvent * 100).toFixed(0)} % of events seen, ${(run.bytesPerClientPerSecond / 1024).toFixed(0)} KiB/s per client, ${cpuText(run)})`,
        );
      }
    }
    sse.close();
  }
  const rssEndBytes = wharf.rss();
  const countersPostgres = a.postgresCounters ? await postgresCounters(src.dir, secret, counters) : null;

  const results: ScaleResults = {
    syncSeconds,
    registerSeconds,
    rssAfterSyncBytes,
    soak,
    latency,
    counters,
    countersFloor,
    countersPostgres,
    containersPage,
    page,
  };
  const rows = buildRows(results, { rate: a.rate, clients: Math.min(100, a.clients) });
  console.log(`\n${formatTable(rows)}\n`);
  const out = {
    machine: { ...machine, measuredCommit: src.commit },
    args: { ...a, phases: [...a.phases] },
    rssIdleBytes: rssIdle,
    rssEndBytes,
    rssSamples,
    registerLatency: summarize(registerMs),
    syncCpu,
    results,
    rows,
  };
  fs.mkdirSync(path.dirname(a.out), { recursive: true });
  fs.writeFileSync(a.out, `${JSON.stringify(out, null, 2)}\n`);
  log(`written to ${a.out}`);
}

/**
 * --postgres-counters (issue 20): the same fleet, served by a new server on a fresh PostgreSQL database (the test
 * cluster, scripts/services/postgres.sh), and `GET /counters` under the same load: the session or token lookup is a
 * PostgreSQL query there. The first server stops first, so the two never share the machine.
 */
async function postgresCounters(dir: string, secret: string, onSqlite: LoadResult | null) {
  await wharf!.stop();
  client!.close();
  await sim!.setRate(0);
  wharf = await startWharf(a.port, dir, { WHARF_SECRET_KEY: secret }, true);
  log(`wharf on PostgreSQL up (pid ${wharf.pid}), data in ${wharf.dataDir}`);
  const token = await adminToken(wharf.baseUrl, wharf.adminEmail, wharf.adminPassword);
  client = new LoopbackClient(wharf.baseUrl, Math.max(64, a.httpConcurrency));
  client.headers.authorization = `Bearer ${token}`;
  if (a.priority) os.setPriority(wharf.pid, a.priority);
  const t0 = performance.now();
  await registerHosts(client, sim!.endpoints, a.registerConcurrency, a.registerBatch, "pg");
  await waitForFleet(client, a.hosts, expected, Math.max(120_000, a.hosts * 200));
  log(`PostgreSQL: fleet in sync after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await sleep(SETTLE_MS);
  await sim!.setRate(Math.min(100, a.rate));
  const load = { concurrency: a.httpConcurrency, requests: a.httpRequests, maxSeconds: 60 };
  const r = await withCpu(() => runLoad(client!, "/counters", load));
  log(
    `counters on PostgreSQL: p50 ${r.latency.p50.toFixed(1)} p95 ${r.latency.p95.toFixed(1)} ms, ${r.rps.toFixed(0)} req/s, ${cpuText(r)}${onSqlite ? ` (SQLite: p95 ${onSqlite.latency.p95.toFixed(1)} ms, ${onSqlite.rps.toFixed(0)} req/s)` : ""}`,
  );
  await sim!.setRate(0);
  return r;
}

/**
 * The machine's floor for the counters figure (bench/scale/floor.ts): Wharf's own answer served by a bare node:http
 * server, with the same load, right after Wharf's window; Wharf stays up meanwhile (100 ev/s), as the machine was.
 */
async function measureFloor(load: Parameters<typeof runLoad>[2]) {
  const answer = await fetchAnswer(`${wharf!.baseUrl}/api/v1/counters`, client!.headers);
  floor = await startFloor(answer);
  if (a.priority) os.setPriority(floor.pid, a.priority);
  const c = new LoopbackClient(floor.baseUrl, Math.max(64, a.httpConcurrency));
  c.headers = { ...client!.headers };
  try {
    const f0 = floor.cpuSeconds();
    const w0 = wharf!.cpuSeconds();
    const self0 = process.cpuUsage();
    const m0 = machineCpuTicks();
    const t0 = performance.now();
    const r = await runLoad(c, "/counters", load);
    const dt = (performance.now() - t0) / 1000;
    const self = process.cpuUsage(self0);
    const m1 = machineCpuTicks();
    const machinePercent = ((m1.busy - m0.busy) / (m1.total - m0.total)) * os.cpus().length * 100;
    const cpu = {
      floorCpuPercent: ((floor.cpuSeconds() - f0) / dt) * 100,
      serverCpuPercent: ((wharf!.cpuSeconds() - w0) / dt) * 100,
      simCpuPercent: (await sim!.stats()).cpuPercent,
      benchCpuPercent: ((self.user + self.system) / 1e6 / dt) * 100,
    };
    const othersCpuPercent = Math.max(
      0,
      machinePercent - cpu.floorCpuPercent - cpu.serverCpuPercent - cpu.simCpuPercent - cpu.benchCpuPercent,
    );
    return { ...r, ...cpu, othersCpuPercent, loadAverage: loadAverage() };
  } finally {
    c.close();
    await floor.stop();
    floor = null;
  }
}

main()
  .then(cleanup, async (err) => {
    console.error(`[scale] failed: ${(err as Error).stack ?? err}`);
    if (wharf) console.error(`[scale] server log: ${wharf.dataDir}/server.log`);
    await cleanup();
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => process.exit(), 500).unref());
