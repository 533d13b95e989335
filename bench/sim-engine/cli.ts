// npx tsx bench/sim-engine/cli.ts --engines 10 --containers 100 --rate 100 --seed 1 [--tcp --base-port 23750]
// Runs until SIGINT/SIGTERM, then closes every server and removes the sockets.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startSimulator } from "./index";
import { openFilesLimit } from "../scale/machine";

const { values: v } = parseArgs({
  options: {
    engines: { type: "string", default: "10" },
    containers: { type: "string", default: "100" },
    rate: { type: "string", default: "100" },
    seed: { type: "string", default: "1" },
    tcp: { type: "boolean", default: false },
    "base-port": { type: "string" },
    "socket-dir": { type: "string" },
    "label-fraction": { type: "string", default: "0.5" },
    tenants: { type: "string", default: "10" },
    ring: { type: "string", default: "10000" },
    "endpoints-file": { type: "string" },
    report: { type: "string", default: "0" },
    help: { type: "boolean", default: false },
  },
});

if (v.help) {
  console.log(`usage: tsx bench/sim-engine/cli.ts [--engines N] [--containers M] [--rate EV_PER_S] [--seed S]
  [--tcp [--base-port P]] [--socket-dir DIR] [--label-fraction F] [--tenants K] [--ring EVENTS]
  [--endpoints-file FILE] [--report SECONDS]`);
  process.exit(0);
}

const num = (name: string, s: string | undefined): number => {
  const n = Number(s);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: expected a non-negative number, got ${s}`);
  return n;
};

const engines = num("engines", v.engines);
const limit = openFilesLimit(); // NaN off Linux: no warning then
// One listening fd per engine plus one per client connection (each /events stream holds one).
const needed = engines * 3 + 64;
if (limit < needed) {
  console.warn(
    `sim-engine: warning: open-files soft limit is ${limit}, ${engines} engines with one /events client each need ~${needed}; raise it (ulimit -n ${Math.max(needed, 65536)})`,
  );
}

const sim = await startSimulator({
  engines,
  containersPerEngine: num("containers", v.containers),
  eventsPerSecond: num("rate", v.rate),
  seed: num("seed", v.seed),
  socketDir: v["socket-dir"],
  basePort: v.tcp ? num("base-port", v["base-port"] ?? "0") : undefined,
  labelFraction: num("label-fraction", v["label-fraction"]),
  tenants: num("tenants", v.tenants),
  ringSize: num("ring", v.ring),
}).catch((err: NodeJS.ErrnoException) => {
  const hint =
    err.code === "EMFILE"
      ? " (raise the open-files limit: ulimit -n)"
      : err.code === "EADDRINUSE"
        ? " (port in use: pick another --base-port)"
        : "";
  console.error(`sim-engine: failed to start: ${err.message}${hint}`);
  process.exit(1);
});

if (v["endpoints-file"]) writeFileSync(v["endpoints-file"], `${sim.endpoints.join("\n")}\n`);
console.log(
  `sim-engine: ${sim.endpoints.length} endpoints (${sim.endpoints[0] ?? "none"} … ${sim.endpoints.at(-1) ?? ""}), pid ${process.pid}`,
);

// Optional periodic self-measurement: CPU % of one core, RSS, events emitted in the window.
const reportSec = num("report", v.report);
let reporter: NodeJS.Timeout | undefined;
if (reportSec > 0) {
  let cpu = process.cpuUsage();
  let t = performance.now();
  let ev = sim.stats().eventsEmitted;
  reporter = setInterval(() => {
    const dCpu = process.cpuUsage(cpu);
    const dt = performance.now() - t;
    const s = sim.stats();
    const pct = ((dCpu.user + dCpu.system) / 1000 / dt) * 100;
    console.log(
      `sim-engine: cpu ${pct.toFixed(1)}% (user ${(dCpu.user / 1000).toFixed(0)}ms sys ${(dCpu.system / 1000).toFixed(0)}ms over ${(dt / 1000).toFixed(1)}s)` +
        ` rss ${(process.memoryUsage.rss() / 1048576).toFixed(0)}MiB events ${s.eventsEmitted - ev} (${(((s.eventsEmitted - ev) * 1000) / dt).toFixed(0)}/s) streams ${s.subscribers}`,
    );
    cpu = process.cpuUsage();
    t = performance.now();
    ev = s.eventsEmitted;
  }, reportSec * 1000);
}

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  clearInterval(reporter);
  await sim.stop();
  console.log(`sim-engine: ${signal}, stopped after ${sim.stats().eventsEmitted} events`);
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
