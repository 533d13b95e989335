// npm run bench:ha -- [--hosts 200] [--containers 100] [--rate 200] [--clients 1000] [--concurrency 32] [--seconds 20]
//   [--rounds 5] [--sse-rounds 2] [--warmup 15] [--get-rate 0] [--get-rps 0] [--pin cores|none]
// One Wharf instance against two behind HAProxy (issue 20), with the engine simulator: the CPU-seconds the instances
// spend serving GET /api/v1/containers (per 1,000 requests) and SSE fan-out (per 1,000 frames), ingestion apart,
// how the clients split, and p50/p99. Both set-ups are the same two warm instances on one PostgreSQL database, behind
// two HAProxys: "one" names the first instance on both server lines, "two" names both instances; so the set-ups take
// turns, interleaved (1 2, 2 1, 1 2 …) and each figure is a median over rounds with its spread. Every window ends
// with a full GC of each instance inside it (bench/ha/full-gc.ts). Serving is a window's CPU minus that of the idle
// windows (same length) right before and after it. The GET rounds run with the events paused (--get-rate 0): with
// them flowing, ingestion (every instance follows every engine, ~0.1 CPU-s/s each) was subtracted from a serving of
// the same size, and it changes with how starved the instance is; ingestion is measured apart, events flowing,
// right before and after the GET rounds. --get-rps N paces the GETs at N a second (0: closed loop, as many as the
// instances answer), so that both set-ups serve the same load below what saturates the 2 cores. Results:
// bench/results/ha.json. BENCH_HA_PROFILE_DIR=dir writes each GET window's CPU profiles there (bench/ha/probe.ts).
// See docs/scale.md, "Several instances".
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { closedLoop, StreamClients } from "./ha/clients";
import { FULL_GC_NODE_ARGS, FullGc } from "./ha/full-gc";
import { Probe, type Proxy, type Window } from "./ha/probe";
import { registerHosts, waitForFleet } from "./scale/fleet";
import { adminToken, LoopbackClient } from "./scale/http";
import { loadAverage, machineInfo } from "./scale/machine";
import { startProvenSim, type SimHandle } from "./scale/sim";
import { summarize } from "./scale/stats";
import { startWharf, type WharfProcess } from "./scale/wharf";
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
    rounds: { type: "string", default: "5" },
    "sse-rounds": { type: "string", default: "2" },
    "get-rate": { type: "string", default: "0" },
    "get-rps": { type: "string", default: "0" },
    warmup: { type: "string", default: "15" },
    pin: { type: "string", default: "cores" },
    "dist-dir": { type: "string", default: ".next-ha" },
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
  rounds: Number(v.rounds),
  sseRounds: Number(v["sse-rounds"]),
  getRate: Number(v["get-rate"]),
  getRps: Number(v["get-rps"]),
  warmup: Number(v.warmup),
  pin: v.pin === "none" ? ("none" as const) : ("cores" as const),
};
if (v.pin !== "cores" && v.pin !== "none") throw new Error(`--pin ${v.pin}: cores or none`);
const log = (msg: string) => console.log(`[ha ${new Date().toISOString().slice(11, 19)}] ${msg}`);
if (!fs.existsSync(path.join(v["dist-dir"]!, "BUILD_ID")))
  throw new Error(`no build in ${v["dist-dir"]}: NEXT_DIST_DIR=${v["dist-dir"]} npx next build first`);

let sim: SimHandle | null = null;
const started: { stop: () => Promise<void> }[] = [];
const cleanup = async () => {
  for (const s of started.splice(0).reverse()) await s.stop().catch(() => undefined);
  await sim?.stop().catch(() => undefined);
};
// Each instance: gc() through its inspector at every window's edges (bench/ha/full-gc.ts), after what the caller set.
process.env.WHARF_SCALE_SERVER_NODE_ARGS = `${process.env.WHARF_SCALE_SERVER_NODE_ARGS ?? ""} ${FULL_GC_NODE_ARGS}`;
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.once(sig, () => void cleanup().then(() => process.exit(130)));

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const round = (x: number, d = 3) => Number(x.toFixed(d));
type Mode = 1 | 2;
/** The instances a set-up's figures count: "one" is the first; the second meanwhile only ingests. */
const counted = (mode: Mode) => (mode === 1 ? [0] : [0, 1]);
/** 1 2, 2 1, 1 2 …: a drift of the machine's load over the run falls on both set-ups alike. */
const order = (r: number): Mode[] => (r % 2 === 0 ? [1, 2] : [2, 1]);

/**
 * `--pin cores` (the default): instance n's main thread stays on core n − 1, as co-located instances are deployed
 * (a cpuset each). Left to the scheduler, the two busy main threads, HAProxy and the load generator migrate between
 * this machine's 2 cores: the median GET round put two / one at 1.19 unpinned (9 rounds, sessions 19 and 21) and at
 * 1.09 pinned (21 rounds, session 21; docs/scale.md, "Several instances"). Only the main thread (its tid is the
 * pid): V8's GC helpers and libuv's pool keep both cores. `--pin none` measures the unpinned case.
 */
function pinMainThread(pid: number, instance: number) {
  if (a.pin === "none") return;
  const core = instance % os.availableParallelism();
  execFileSync("taskset", ["-p", "-c", String(core), String(pid)], { stdio: "ignore" });
}

/** Two instances in sync on a fresh PostgreSQL database, and the two HAProxys in front of them. */
async function setUp(secret: string) {
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
  const ports = [await freePort(), await freePort()];
  const first = await startWharf(ports[0], process.cwd(), env(1));
  started.push(first);
  pinMainThread(first.pid, 0);
  const token = await adminToken(first.baseUrl, first.adminEmail, first.adminPassword);
  const client = new LoopbackClient(first.baseUrl, 16);
  client.headers.authorization = `Bearer ${token}`;
  // One POST /hosts each, eight at a time: a bulk request's transaction (5 s) expired on the loaded shared machine.
  await registerHosts(client, sim!.endpoints, 8, 1, "sim");
  await waitForFleet(client, a.hosts, a.hosts * a.containers, 300_000);
  client.close();
  // Started after the hosts were registered: an instance loads the host list at start (docs/scale.md).
  const second = await startWharf(ports[1], process.cwd(), env(2));
  started.push(second);
  pinMainThread(second.pid, 1);
  const c2 = new LoopbackClient(second.baseUrl, 4);
  c2.headers.authorization = `Bearer ${token}`;
  await waitForFleet(c2, a.hosts, a.hosts * a.containers, 300_000);
  c2.close();
  const proxies: (Proxy & { url: string })[] = [];
  for (const [mode, p] of [
    [1, [ports[0], ports[0]]],
    [2, [ports[0], ports[1]]],
  ] as const) {
    const statsSocket = path.join(os.tmpdir(), `wharf-ha-bench-${process.pid}-${mode}.sock`);
    const proxy = await startHaproxy([p[0], p[1]], statsSocket);
    started.push(proxy);
    proxies.push({ ...proxy, statsSocket });
  }
  log(
    `two instances in sync: ${a.hosts * a.containers} containers; one ${proxies[0].url}, two ${proxies[1].url}`,
  );
  return { servers: [first, second] as WharfProcess[], proxies, token };
}

/** CPU-s per second of each instance in an idle window. */
const rates = (w: Window) => w.cpu.map((c) => c / w.seconds);
/** What the counted instances spent in `w` beyond `perSecond` (each instance's ingestion rate). */
const servingCpu = (mode: Mode, w: Window, perSecond: number[]) =>
  sum(counted(mode).map((i) => w.cpu[i] - perSecond[i] * w.seconds));
const windowFigures = (w: Window) => ({
  seconds: round(w.seconds, 2),
  ...(w.startedWithAnInstanceOut ? { startedWithAnInstanceOut: true } : {}),
  instanceCpuSeconds: w.cpu.map((c) => round(c)),
  haproxyCpuSeconds: round(w.proxyCpu),
  eventsPerSecond: round(w.eventsPerSecond, 1),
  fullGcs: w.fullGcs,
  contextSwitches: w.switches,
  connectsToInstances: w.connectsToInstances,
  reusedConnections: w.reusedConnections,
  othersCores: round(w.othersCores, 2),
  machineBusyCores: round(w.machineBusyCores, 2),
});
/** The middle value; of an even count, the mean of the middle two (nearest rank would take the lower one). */
function median(xs: number[]) {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Median, extremes and spread ((max − min) / median) of one figure over the rounds. */
function spread(xs: number[]) {
  const m = median(xs);
  return {
    median: round(m),
    min: round(Math.min(...xs)),
    max: round(Math.max(...xs)),
    spread: round((Math.max(...xs) - Math.min(...xs)) / m),
    values: xs.map((x) => round(x)),
  };
}

async function measureGet(probe: Probe, entry: Record<Mode, string>, token: string) {
  const load = (mode: Mode, seconds: number) =>
    closedLoop(entry[mode], "/containers", token, a.concurrency, seconds, a.getRps);
  // Warm: both instances' GET path compiled and HAProxy's pools filled before anything counts.
  await load(2, a.warmup);
  await load(1, a.warmup / 2);
  await sleep(2_000);
  const idle = [await probe.over(() => sleep(a.seconds * 1000))];
  const windows = [];
  const refusedWindows: { round: number; instances: Mode; answered: number; refused: number }[] = [];
  for (let r = 0; r < a.rounds; r++)
    for (const mode of order(r)) {
      let w = await probe.over(() => load(mode, a.seconds), `get-r${r + 1}-${mode}`);
      // HAProxy took an instance out (health checks late on the loaded machine) and refused requests: the window
      // measured a part-time instance. Done again, twice at most; the refusals stay in the results.
      for (let again = 0; again < 2 && w.out.errors > 0.01 * (w.out.ms.length + w.out.errors); again++) {
        log(
          `GET round ${r + 1}, ${mode} instance(s): ${w.out.errors} refused of ${w.out.ms.length + w.out.errors}; again`,
        );
        refusedWindows.push({
          round: r + 1,
          instances: mode,
          answered: w.out.ms.length,
          refused: w.out.errors,
        });
        await sleep(2_000);
        idle.push(await probe.over(() => sleep(a.seconds * 1000)));
        w = await probe.over(() => load(mode, a.seconds));
      }
      await sleep(2_000); // what the load left behind (sweeping, closing) falls outside both windows
      idle.push(await probe.over(() => sleep(a.seconds * 1000)));
      const before = rates(idle[idle.length - 2]);
      const after = rates(idle[idle.length - 1]);
      const ingest = before.map((x, i) => (x + after[i]) / 2);
      const hs = summarize(w.out.ms);
      const serving = servingCpu(mode, w, ingest);
      const row = {
        round: r + 1,
        instances: mode,
        requests: hs.n,
        errors: w.out.errors,
        rps: round(hs.n / w.seconds, 1),
        split: mode === 1 ? { "wharf-1": hs.n } : w.out.split,
        p50Ms: round(hs.p50, 1),
        p99Ms: round(hs.p99, 1),
        idleBefore: before.map((x) => round(x, 4)),
        idleAfter: after.map((x) => round(x, 4)),
        servingCpuSeconds: round(serving),
        servingCpuSecondsPer1000: round((serving / hs.n) * 1000),
        ...windowFigures(w),
      };
      log(
        `GET round ${r + 1}, ${mode} instance(s): ${hs.n} (${w.out.errors} errors) ${JSON.stringify(row.split)}, p50 ${row.p50Ms} p99 ${row.p99Ms} ms, ` +
          `CPU ${row.instanceCpuSeconds.join(" + ")} − idle ${row.idleBefore.join("/")} → ${row.idleAfter.join("/")} per s = ` +
          `${row.servingCpuSecondsPer1000} CPU-s per 1,000; GCs ${w.fullGcs.join("+")}, preempted ${w.switches.map((x) => x.preempted).join("+")} / gave up ${w.switches.map((x) => x.voluntary).join("+")}, new connections ${w.connectsToInstances}, others ${row.othersCores} cores`,
      );
      windows.push({ row, ms: w.out.ms });
    }
  return { idle: idle.map(windowFigures), ingestion: idle.map((w) => rates(w)), windows, refusedWindows };
}

async function measureSse(probe: Probe, entry: Record<Mode, string>, token: string, ingest: number[]) {
  const windows = [];
  for (let r = 0; r < a.sseRounds; r++)
    for (const mode of order(r)) {
      // Framing: with one stream on each counted instance, each builds every change batch's frame (once per batch,
      // however many clients: paid per instance, like ingestion). Measured right before, so that SSE serving is what
      // the clients add (writing each frame to each stream); the figure with framing in serving is reported too.
      const streams = new StreamClients(entry[mode], token);
      await probe.allUp(); // after 1,000 streams on the loaded machine HAProxy had an instance out for a while
      await streams.connect(mode);
      await sleep(3_000);
      const framingWindow = await probe.over(() => sleep(a.seconds * 1000));
      const framing = rates(framingWindow);
      await streams.connect(a.clients - mode);
      await sleep(3_000);
      streams.counting = true;
      const w = await probe.over(() => sleep(a.seconds * 1000));
      streams.counting = false;
      const ss = summarize(streams.latencies);
      const serving = servingCpu(mode, w, framing);
      const withFraming = servingCpu(mode, w, ingest);
      const frames = Math.max(1, streams.frames);
      const row = {
        round: r + 1,
        instances: mode,
        clients: a.clients,
        frames: streams.frames,
        errors: streams.errors,
        refusedAndRetried: streams.refused,
        split: mode === 1 ? { "wharf-1": a.clients } : streams.split,
        p50Ms: round(ss.p50, 1),
        p99Ms: round(ss.p99, 1),
        ingestionWithOneStream: framing.map((x) => round(x, 4)),
        servingCpuSeconds: round(serving),
        servingCpuSecondsPer1000: round((serving / frames) * 1000, 4),
        servingWithFramingCpuSecondsPer1000: round((withFraming / frames) * 1000, 4),
        ...windowFigures(w),
      };
      log(
        `SSE round ${r + 1}, ${mode} instance(s): ${streams.frames} frames ${JSON.stringify(row.split)}, p50 ${row.p50Ms} p99 ${row.p99Ms} ms, ` +
          `${row.servingCpuSecondsPer1000} CPU-s per 1,000 (framing as serving ${row.servingWithFramingCpuSecondsPer1000}); others ${row.othersCores} cores`,
      );
      windows.push({ row, ms: streams.latencies });
      streams.close();
      await sleep(3_000);
    }
  return windows;
}

/** Per set-up: the median and spread of the per-unit cost over the rounds, p50/p99 of every sample pooled. */
function bySetUp<R extends { instances: Mode; round: number }>(
  windows: { row: R; ms: number[] }[],
  perUnit: (r: R) => number,
) {
  const of = (mode: Mode) => windows.filter((w) => w.row.instances === mode);
  const setUp = (mode: Mode) => {
    const s = summarize(of(mode).flatMap((w) => w.ms));
    return {
      perUnit: spread(of(mode).map((w) => perUnit(w.row))),
      p50Ms: round(s.p50, 1),
      p99Ms: round(s.p99, 1),
    };
  };
  const one = setUp(1);
  const two = setUp(2);
  // Each round's own ratio (its two windows were minutes apart at most): how far one round's verdict can stray.
  const perRound = of(1).map(
    (w) => perUnit(of(2).find((x) => x.row.round === w.row.round)!.row) / perUnit(w.row),
  );
  return { one, two, twoOverOne: round(two.perUnit.median / one.perUnit.median), perRound: spread(perRound) };
}

async function main() {
  const loadBefore = loadAverage();
  const proven = await startProvenSim("ha-bench", { engines: a.hosts, containersPerEngine: a.containers });
  sim = proven.sim;
  const { secret } = proven;
  log(`simulator up: ${a.hosts} engines × ${a.containers} containers`);
  const { servers, proxies, token } = await setUp(secret);
  const gcs = await Promise.all(servers.map((s) => FullGc.attach(s)));
  started.push({ stop: async () => gcs.forEach((g) => g.close()) });
  const probe = new Probe(servers, proxies, sim, gcs);
  const entry: Record<Mode, string> = { 1: proxies[0].url, 2: proxies[1].url };
  // Ingestion: events flowing, nobody asking, right before and right after the GET rounds.
  const flowing = async () => {
    await sim!.setRate(a.rate);
    await sleep(5_000);
    return rates(await probe.over(() => sleep(a.seconds * 1000)));
  };
  const ingestBefore = await flowing();
  // The GET rounds at --get-rate events/s (0 by default: see the header), the queued ones settled first.
  await sim.setRate(a.getRate);
  await sleep(5_000);
  const get = await measureGet(probe, entry, token);
  const ingestAfter = await flowing();
  /** Each instance's CPU-s per s with events flowing (a forced GC per window included, as in every window). */
  const ingest = ingestBefore.map((x, i) => (x + ingestAfter[i]) / 2);
  // What the events alone cost: that minus the GET rounds' idle windows when no events flowed in them.
  const quiet = ingest.map((_, i) => median(get.ingestion.map((x) => x[i])));
  const ingestion = ingest.map((x, i) => (a.getRate === 0 ? x - quiet[i] : x));
  const http = bySetUp(get.windows, (r) => r.servingCpuSecondsPer1000);
  log(`GET two / one: ${http.twoOverOne} (rounds ${http.perRound.values.join(", ")})`);
  const save = (extra: object) => {
    fs.mkdirSync(path.dirname(v.out!), { recursive: true });
    fs.writeFileSync(
      v.out!,
      `${JSON.stringify({ machine: machineInfo(), params: a, loadAverageBefore: loadBefore, ...extra }, null, 2)}\n`,
    );
  };
  const getPart = {
    ingestionCpuSecondsPerSecond: ingestion.map((x) => round(x, 4)),
    idleWithEventsCpuSecondsPerSecond: ingestBefore.map((x, i) => [round(x, 4), round(ingestAfter[i], 4)]),
    idleWithoutEventsCpuSecondsPerSecond: a.getRate === 0 ? quiet.map((x) => round(x, 4)) : null,
    http: {
      path: "GET /api/v1/containers",
      ...http,
      windows: get.windows.map((w) => w.row),
      idle: get.idle,
      refusedWindows: get.refusedWindows,
    },
  };
  save(getPart); // kept at once: a failure in the SSE phase leaves the GET figures
  const sseWindows = await measureSse(probe, entry, token, ingest);
  const sse = bySetUp(sseWindows, (r) => r.servingCpuSecondsPer1000);
  const sseWithFraming = bySetUp(sseWindows, (r) => r.servingWithFramingCpuSecondsPer1000);
  await sim.setRate(0);
  const result = {
    ...getPart,
    sse: { ...sse, withFramingTwoOverOne: sseWithFraming.twoOverOne, windows: sseWindows.map((w) => w.row) },
    target: "two instances spend ≤ 1.15× the serving CPU per unit of one (medians over the rounds)",
    targetMet: http.twoOverOne <= 1.15 && sse.twoOverOne <= 1.15,
    loadAverageAfter: loadAverage(),
  };
  save(result);
  const line = (name: string, one: string, two: string) =>
    console.log(`${name.padEnd(46)}${one.padEnd(34)}${two}`);
  const fig = (s: ReturnType<typeof spread>) => `${s.median} (${s.min}–${s.max})`;
  const p50p99 = (s: { p50Ms: number; p99Ms: number }) => `${s.p50Ms} / ${s.p99Ms}`;
  const split = (rows: { instances: Mode; split: Record<string, number> }[], mode: Mode) => {
    const t: Record<string, number> = {};
    for (const r of rows.filter((x) => x.instances === mode))
      for (const [k, n] of Object.entries(r.split)) t[k] = (t[k] ?? 0) + n;
    return JSON.stringify(t);
  };
  const getRows = get.windows.map((w) => w.row);
  const sseRows = sseWindows.map((w) => w.row);
  console.log();
  line("", "one instance behind HAProxy", "two behind HAProxy");
  line("ingestion CPU-s per s (each instance)", "", result.ingestionCpuSecondsPerSecond.join(" + "));
  line("GET /containers: requests (split), all rounds", split(getRows, 1), split(getRows, 2));
  line("GET /containers: p50 / p99 ms", p50p99(http.one), p50p99(http.two));
  line("GET serving CPU-s per 1,000: median (range)", fig(http.one.perUnit), fig(http.two.perUnit));
  line("SSE: clients (split), all rounds", split(sseRows, 1), split(sseRows, 2));
  line("SSE: event→client p50 / p99 ms", p50p99(sse.one), p50p99(sse.two));
  line("SSE serving CPU-s per 1,000 frames", fig(sse.one.perUnit), fig(sse.two.perUnit));
  line("SSE, framing as serving", fig(sseWithFraming.one.perUnit), fig(sseWithFraming.two.perUnit));
  console.log(
    `two / one per unit (medians): GET ${http.twoOverOne} (per round ${http.perRound.values.join(", ")}), SSE ${sse.twoOverOne} ` +
      `(per round ${sse.perRound.values.join(", ")}; framing as serving ${sseWithFraming.twoOverOne}) (target ≤ 1.15)`,
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
