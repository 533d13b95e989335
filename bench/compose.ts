// npm run bench:compose — parse + normalize + admission + plan of a 200-service compose file, pure (no
// engine), next to Debian's `docker-compose config` (1.29) on the same file. Target: Wharf ≤ 50 ms (warm
// median). Prints both and writes bench/results/compose.json. Besides wall time it records the process's CPU
// time per run: on a shared machine (load average far above the CPU count) wall time mostly measures waiting.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseCompose } from "../lib/compose/parse";
import { computePlan } from "../lib/deploy/plan";
import { checkAdmission } from "../lib/policy/admission";

const run = promisify(execFile);
const SERVICES = 200;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A file in the style of the corpus: anchors, merge keys, variables, healthchecks, limits, per-network aliases. */
function bigCompose(): string {
  const lines = [
    "x-common: &common",
    "  restart: unless-stopped",
    '  logging: {driver: json-file, options: {max-size: 10m, max-file: "3"}}',
    "  deploy:",
    "    resources:",
    '      limits: {memory: 64m, cpus: "0.1"}',
    "services:",
  ];
  for (let i = 0; i < SERVICES; i++) {
    lines.push(
      `  svc${i}:`,
      "    <<: *common",
      `    image: "registry.example.com/team/svc${i}:\${TAG:-1.0}"`,
      `    command: ["serve", "--port", "${8000 + i}"]`,
      "    environment:",
      `      SERVICE_NAME: svc${i}`,
      `      UPSTREAM: http://svc${(i + 1) % SERVICES}:${8000 + ((i + 1) % SERVICES)}`,
      `    labels: {com.example.index: "${i}"}`,
      `    user: "1000"`,
      `    ports: ["${20000 + i}:${8000 + i}"]`,
      `    volumes: ["data${i % 10}:/data"]`,
      "    healthcheck: {test: [CMD, wget, -qO-, http://localhost/health], interval: 10s, timeout: 3s, retries: 3}",
      '    networks: {front: {aliases: ["alias' + i + '"]}, back: null}',
      ...(i > 0 ? [`    depends_on: {svc${i - 1}: {condition: service_healthy}}`] : []),
    );
  }
  lines.push("networks: {front: {}, back: {internal: true}}", "volumes:");
  for (let v = 0; v < 10; v++) lines.push(`  data${v}: {}`);
  return lines.join("\n") + "\n";
}

function wharfOnce(text: string): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = parseCompose(text, { variables: {} });
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
  const a = checkAdmission(r.spec, { isAdmin: false });
  if (!a.allowed) throw new Error(JSON.stringify(a.violations.slice(0, 3)));
  computePlan({ desired: r.spec, actual: { services: {}, networks: {}, volumes: {} }, mode: "standalone" });
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

async function main() {
  const text = bigCompose();
  const cold = wharfOnce(text).wall; // includes compiling the JSON schema once
  const warm = Array.from({ length: ROUNDS }, () => wharfOnce(text));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-compose-"));
  fs.writeFileSync(path.join(dir, "compose.yml"), text);
  const dc: number[] = [];
  const dcCpu: number[] = [];
  for (let i = 0; i < Math.min(ROUNDS, 5); i++) {
    const t0 = performance.now();
    // bash's `times` prints its children's user and system CPU time (second line) after docker-compose exits.
    const { stdout } = await run(
      "/bin/bash",
      ["-c", "/usr/bin/docker-compose -f compose.yml config -q; times"],
      {
        cwd: dir,
        env: { PATH: "/usr/bin:/bin", HOME: dir, NODE_ENV: "production" },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    dc.push(performance.now() - t0);
    const [user, sys] = [
      ...stdout
        .trim()
        .split("\n")
        .pop()!
        .matchAll(/(\d+)m([\d.]+)s/g),
    ].map((m) => (Number(m[1]) * 60 + Number(m[2])) * 1000);
    dcCpu.push(user + sys);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const result = {
    at: new Date().toISOString(),
    services: SERVICES,
    bytes: Buffer.byteLength(text),
    wharf: {
      coldMs: +cold.toFixed(1),
      medianMs: +median(warm.map((w) => w.wall)).toFixed(1),
      medianCpuMs: +median(warm.map((w) => w.cpu)).toFixed(1),
      // The least disturbed round: on a shared machine the closest figure to what a quiet one gives.
      fastestMs: +Math.min(...warm.map((w) => w.wall)).toFixed(1),
      fastestCpuMs: +Math.min(...warm.map((w) => w.cpu)).toFixed(1),
      rounds: ROUNDS,
      targetMs: 50,
    },
    dockerCompose129: {
      medianMs: +median(dc).toFixed(1),
      medianCpuMs: +median(dcCpu).toFixed(1),
      rounds: dc.length,
      note: "process start included",
    },
    cpus: os.cpus().length,
    // Figures from a shared, loaded machine are not comparable with an idle one: recorded with them.
    loadAverage1m: +os.loadavg()[0].toFixed(1),
  };
  console.log(
    `Wharf parse+normalize+admission+plan, ${SERVICES} services: median ${result.wharf.medianMs} ms wall, ${result.wharf.medianCpuMs} ms CPU; fastest round ${result.wharf.fastestMs} ms wall, ${result.wharf.fastestCpuMs} ms CPU (first run ${result.wharf.coldMs} ms; target ≤ 50 ms)`,
  );
  console.log(
    `docker-compose 1.29 config on the same file: median ${result.dockerCompose129.medianMs} ms wall, ${result.dockerCompose129.medianCpuMs} ms CPU`,
  );
  console.log(`load average (1 min) ${result.loadAverage1m} on ${result.cpus} CPUs`);
  fs.writeFileSync(
    path.join(import.meta.dirname, "results/compose.json"),
    JSON.stringify(result, null, 2) + "\n",
  );
}

export { bigCompose };
if (!process.env.BENCH_NO_MAIN) void main();
