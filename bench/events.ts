// npm run bench:events — how fast an engine event reaches an SSE client, and GET /api/v1/containers vs the engine.
// Starts the production server (needs `next build`; NEXT_DIST_DIR is honoured) or uses WHARF_URL with
// WHARF_EMAIL / WHARF_PASSWORD. Creates BENCH_CONTAINERS (default 200) containers on the local engine, starts them
// one by one (lone events), stops them in parallel bursts, and matches each SSE change's engine time `t`
// (timeNano) with its arrival time. Writes bench/results/events.json.
import fs from "node:fs";
import Docker from "dockerode";
import { openSse, type SseEvent } from "../tests/fleet/sse-client";
import { ApiClient } from "../tests/helpers/api-client";
import { startWharfServer, type WharfServer } from "../tests/helpers/wharf-server";

const N = Number(process.env.BENCH_CONTAINERS ?? 200);
const BURST = Number(process.env.BENCH_BURST ?? 20);
const docker = new Docker({ socketPath: process.env.BENCH_DOCKER_SOCKET ?? "/var/run/docker.sock" });
const tag = `wharf-bench-${Date.now().toString(36)}`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const summary = (xs: number[]) => ({
  n: xs.length,
  p50: pct(xs, 50),
  p95: pct(xs, 95),
  p99: pct(xs, 99),
  max: Math.max(...xs),
});
const round = (o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 100) / 100]));

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  let server: WharfServer | null = null;
  let base = process.env.WHARF_URL;
  let email = process.env.WHARF_EMAIL ?? "";
  let password = process.env.WHARF_PASSWORD ?? "";
  if (!base) {
    server = await startWharfServer();
    ({ baseUrl: base, adminEmail: email, adminPassword: password } = server);
  }
  // The first admin is created by the start-up hook; give it a moment on a busy machine.
  let admin: ApiClient | null = null;
  for (let i = 0; !admin; i++) {
    try {
      admin = await new ApiClient(base).login(email, password);
    } catch (err) {
      if (i > 20) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const sse = openSse(`${base}/api/v1/stream`, { cookie: admin.cookie });
  if ((await sse.opened) !== 200) throw new Error("stream did not open");
  // latency per engine event: arrival (ms, wall clock) - engine time (timeNano / 1e6), matched by container and state.
  const arrivals = new Map<string, number>();
  sse.onEvent((e: SseEvent) => {
    if (e.event !== "containers") return;
    for (const c of JSON.parse(e.data) as { op: string; c?: { id: string; state: string }; t?: number }[]) {
      if (c.op === "upsert" && c.c && c.t !== undefined && !arrivals.has(`${c.c.id}:${c.c.state}`))
        arrivals.set(`${c.c.id}:${c.c.state}`, e.at - c.t);
    }
  });
  const ids: string[] = [];
  try {
    console.log(`creating ${N} containers (${tag})…`);
    for (let i = 0; i < N; i++) {
      const c = await docker.createContainer({
        name: `${tag}-${i}`,
        Image: "busybox:latest",
        Cmd: ["sleep", "3600"],
        Labels: { "wharf.bench": tag },
        HostConfig: { NetworkMode: "none" },
        StopTimeout: 1,
      });
      ids.push(c.id);
    }
    console.log("starting one by one…");
    for (const id of ids) await docker.getContainer(id).start();
    console.log(`stopping in bursts of ${BURST}…`);
    for (let i = 0; i < ids.length; i += BURST)
      await Promise.all(ids.slice(i, i + BURST).map((id) => docker.getContainer(id).kill()));
    const deadline = Date.now() + 15_000;
    while (
      Date.now() < deadline &&
      ids.some((id) => !arrivals.has(`${id}:running`) || !arrivals.has(`${id}:exited`))
    )
      await new Promise((r) => setTimeout(r, 100));
    const lone = ids.map((id) => arrivals.get(`${id}:running`)).filter((x): x is number => x !== undefined);
    const burst = ids.map((id) => arrivals.get(`${id}:exited`)).filter((x): x is number => x !== undefined);

    console.log("timing GET /api/v1/containers vs the engine's /containers/json…");
    const total = (await docker.listContainers({ all: true })).length;
    const runs = 50;
    const ours = await timeIt(() => admin.get(`/containers?limit=100`), runs);
    const oursAll = await timeIt(() => admin.get(`/containers?limit=1000`), runs);
    const oursFiltered = await timeIt(() => admin.get(`/containers?limit=1000&q=${tag}`), runs);
    const engineAll = await timeIt(() => docker.listContainers({ all: true }), runs);
    const engineFiltered = await timeIt(
      () => docker.listContainers({ all: true, filters: { label: [`wharf.bench=${tag}`] } }),
      runs,
    );

    const result = {
      at: new Date().toISOString(),
      containers: N,
      engineContainers: total,
      burst: BURST,
      eventToSseMs: {
        loneStarts: round(summary(lone)),
        burstStops: round(summary(burst)),
        all: round(summary([...lone, ...burst])),
      },
      listLatencyMs: {
        wharfPage100: round(summary(ours)),
        wharfPage1000: round(summary(oursAll)),
        wharfSearchBench: round(summary(oursFiltered)),
        engineAll: round(summary(engineAll)),
        engineLabelFilter: round(summary(engineFiltered)),
      },
    };
    console.log(`\nEngine event → SSE client (ms), ${lone.length + burst.length} events`);
    console.table({
      "start, one at a time": result.eventToSseMs.loneStarts,
      [`kill, ${BURST} at once`]: result.eventToSseMs.burstStops,
      all: result.eventToSseMs.all,
    });
    console.log(`\nList latency (ms) over ${runs} runs, ${total} containers on the engine`);
    console.table(result.listLatencyMs);
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync("bench/results/events.json", JSON.stringify(result, null, 2) + "\n");
    console.log("\nwritten bench/results/events.json");
  } finally {
    sse.close();
    await Promise.all(
      ids.map((id) =>
        docker
          .getContainer(id)
          .remove({ force: true })
          .catch(() => {}),
      ),
    );
    await server?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
