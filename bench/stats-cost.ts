// The cost of one metrics sample on the real engine: `GET /containers/{id}/stats?stream=false&one-shot=true`, the
// call the collector (lib/ops/metrics-collector.ts) makes per container per pass. Wharf's CPU per call (this process
// does nothing else), the engine's CPU per call (dockerd's /proc counters; other sessions use it too) and wall time.
// node --conditions=react-server --import tsx bench/stats-cost.ts [--containers 20] [--rounds 10] [--concurrency 4]
// Also imported by bench/metrics.ts (measureRealEngine).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { readStatsCounters } from "@/lib/docker/stats-reader";

/** At most `limit` calls in flight (a copy of lib/ops/usage-sampler's: importing it would read lib/config too early). */
async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

const SOCKET = process.env.WHARF_LOCAL_DOCKER_SOCKET ?? "/var/run/docker.sock";
const TICKS = 100; // USER_HZ

/** dockerd's user+system CPU in seconds (the daemon listening on SOCKET is not told apart from others: summed). */
function dockerdCpuS(): number {
  let total = 0;
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(dockerd)")) continue;
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(f[11]) + Number(f[12])) / TICKS;
    } catch {}
  }
  return total;
}

export type StatsCost = {
  containers: number;
  calls: number;
  concurrency: number;
  wharfCpuMsPerCall: number;
  engineCpuMsPerCall: number;
  wallMsP50: number;
  wallMsP95: number;
  load: number[];
};

export async function measureRealEngine(containers = 20, rounds = 10, concurrency = 4): Promise<StatsCost> {
  const label = `wharf-stats-cost=${process.pid}`;
  const ids: string[] = [];
  try {
    for (let i = 0; i < containers; i++)
      ids.push(
        execFileSync(
          "docker",
          ["run", "-d", "--label", label, "busybox:latest", "sh", "-c", "while :; do sleep 0.2; done"],
          {
            encoding: "utf8",
          },
        ).trim(),
      );
    const host = { id: "bench", url: `unix://${SOCKET}` };
    await mapLimit(ids, concurrency, (id) => readStatsCounters(host, id)); // warm the client
    const walls: number[] = [];
    const cpu0 = process.cpuUsage();
    const eng0 = dockerdCpuS();
    for (let r = 0; r < rounds; r++)
      await mapLimit(ids, concurrency, async (id) => {
        const t = performance.now();
        await readStatsCounters(host, id);
        walls.push(performance.now() - t);
      });
    const cpu = process.cpuUsage(cpu0);
    const eng = dockerdCpuS() - eng0;
    walls.sort((a, b) => a - b);
    const calls = walls.length;
    return {
      containers,
      calls,
      concurrency,
      wharfCpuMsPerCall: (cpu.user + cpu.system) / 1000 / calls,
      engineCpuMsPerCall: (eng * 1000) / calls,
      wallMsP50: walls[Math.floor(calls * 0.5)],
      wallMsP95: walls[Math.floor(calls * 0.95)],
      load: os.loadavg(),
    };
  } finally {
    if (ids.length) execFileSync("docker", ["rm", "-f", ...ids], { stdio: "ignore" });
  }
}

if (process.argv[1]?.endsWith("stats-cost.ts")) {
  const arg = (n: string, d: number) => {
    const i = process.argv.indexOf(`--${n}`);
    return i < 0 ? d : Number(process.argv[i + 1]);
  };
  console.log(
    JSON.stringify(
      await measureRealEngine(arg("containers", 20), arg("rounds", 10), arg("concurrency", 4)),
      null,
      1,
    ),
  );
}
