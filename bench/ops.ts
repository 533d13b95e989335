// npm run bench:ops — log and stats streaming through the real server and engine.
// 1. Reads a 100,000-line log (tail=all, NDJSON) and reports lines/s end to end.
// 2. Opens V (default 20) followers of one fast-printing container, and V viewers of one container's stats,
//    and counts the server process's unix-socket connections (to docker.sock) before and during: with shared
//    streams the delta stays ~1 per container whatever V is. Writes bench/results/ops.json.
// Needs `next build` (NEXT_DIST_DIR honoured) and the local engine with wharf-busybox:latest.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import Docker from "dockerode";
import { ApiClient } from "../tests/helpers/api-client";
import { startWharfServer } from "../tests/helpers/wharf-server";

const V = Number(process.env.BENCH_VIEWERS ?? 20);
const LINES = 100_000;
const docker = new Docker({ socketPath: "/var/run/docker.sock" });
const tag = `wharf-bench-ops-${Date.now().toString(36)}`;

function serverPid(port: string): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`]).toString();
  return Number(/pid=(\d+)/.exec(out)?.[1]);
}
const unixSockets = (pid: number) =>
  execFileSync("ss", ["-xpH"])
    .toString()
    .split("\n")
    .filter((l) => l.includes(`pid=${pid},`)).length;

async function readAll(
  client: ApiClient,
  path: string,
  signal?: AbortSignal,
  onLine?: (line: string) => void,
): Promise<number> {
  const res = await fetch(`${client.baseUrl}/api/v1${path}`, { headers: { cookie: client.cookie }, signal });
  let n = 0;
  let rest = "";
  const dec = new TextDecoder();
  try {
    for await (const chunk of res.body ?? []) {
      const parts = (rest + dec.decode(chunk, { stream: true })).split("\n");
      rest = parts.pop() ?? "";
      for (const p of parts) {
        n++;
        onLine?.(p);
      }
    }
  } catch (err) {
    if (!signal?.aborted) throw err;
  }
  return n;
}

const server = await startWharfServer();
const results: Record<string, unknown> = {};
try {
  const admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  const pid = serverPid(new URL(server.baseUrl).port);
  // 1. A big log read.
  const big = await docker.createContainer({
    name: `${tag}-big`,
    Image: "wharf-busybox:latest",
    Cmd: ["sh", "-c", `seq 1 ${LINES} | sed 's/^/line-/'; sleep 600`],
  });
  await big.start();
  while ((await readAll(admin, `/containers/${big.id}/logs?tail=5`)) < 5) await sleep(200);
  await sleep(1000);
  let t0 = performance.now();
  const n = await readAll(admin, `/containers/${big.id}/logs?tail=all`);
  const ms = performance.now() - t0;
  results.bigLog = { lines: n, ms: Math.round(ms), linesPerSecond: Math.round(n / (ms / 1000)) };
  console.log(`tail=all: ${n} lines in ${Math.round(ms)} ms (${Math.round(n / (ms / 1000))} lines/s)`);

  // 2. V followers of one fast container.
  const fast = await docker.createContainer({
    name: `${tag}-fast`,
    Image: "wharf-busybox:latest",
    Cmd: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo fast-$i; done"],
  });
  await fast.start();
  await sleep(500);
  const before = unixSockets(pid);
  const ac = new AbortController();
  const counts = Array.from({ length: V }, () => 0);
  const seen = Array.from({ length: V }, () => ({ first: 0, last: 0 }));
  t0 = performance.now();
  const followers = counts.map((_, i) =>
    readAll(admin, `/containers/${fast.id}/logs?tail=0&follow=true`, ac.signal, (line) => {
      counts[i]++;
      const k = Number(/fast-(\d+)/.exec(line)?.[1]);
      if (!seen[i].first) seen[i].first = k;
      seen[i].last = k;
    }),
  );
  await sleep(5000);
  const during = unixSockets(pid);
  const hubDuringFollow = (await admin.get("/cluster/health")).body.streams;
  const secs = (performance.now() - t0) / 1000;
  ac.abort();
  await Promise.allSettled(followers);
  await sleep(1000);
  const after = unixSockets(pid);
  const perViewer = counts.map((c) => Math.round(c / secs));
  // Lines each viewer missed between the first and last line it saw (0 = nothing lost).
  const missed = seen.map((s, i) => s.last - s.first + 1 - counts[i]);
  results.follow = {
    viewers: V,
    seconds: Math.round(secs * 10) / 10,
    linesPerSecondPerViewer: { min: Math.min(...perViewer), max: Math.max(...perViewer) },
    missedLines: { max: Math.max(...missed) },
    unixSockets: { before, during, after },
    engineLogStreams: hubDuringFollow.logs,
  };
  console.log(
    `follow ×${V}: ${Math.min(...perViewer)}–${Math.max(...perViewer)} lines/s per viewer, at most ${Math.max(...missed)} lines missed; engine log streams open: ${JSON.stringify(hubDuringFollow.logs)}; server unix sockets before ${before}, during ${during}, after ${after}`,
  );

  // 3. V viewers of one container's stats.
  const before2 = unixSockets(pid);
  const ac2 = new AbortController();
  const statsViewers = Array.from({ length: V }, () =>
    readAll(admin, `/containers/${fast.id}/stats`, ac2.signal),
  );
  await sleep(4000);
  const during2 = unixSockets(pid);
  const hubDuringStats = (await admin.get("/cluster/health")).body.streams;
  ac2.abort();
  await Promise.allSettled(statsViewers);
  await sleep(1000);
  const hubAfter = (await admin.get("/cluster/health")).body.streams;
  results.stats = {
    viewers: V,
    unixSockets: { before: before2, during: during2 },
    engineStatsStreams: hubDuringStats.stats,
    afterAllLeft: hubAfter,
  };
  console.log(
    `stats ×${V}: engine stats streams open: ${JSON.stringify(hubDuringStats.stats)}; after everyone left: ${JSON.stringify(hubAfter)}`,
  );
} finally {
  for (const c of await docker.listContainers({ all: true, filters: { name: [tag] } }))
    await docker.getContainer(c.Id).remove({ force: true });
  await server.stop();
}
fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync(
  "bench/results/ops.json",
  JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2),
);
