// npm run bench:edge — the edge proxy's cost (issue 23, docs/edge.md). Debian's Caddy (a fresh one on free ports,
// scripts/services/caddy.sh) in front of an nginx container, with the config Wharf computes (caddyConfig):
//   1. requests/s and p99 latency from the same load generator (a Node keep-alive loop, CONCURRENCY requests in
//      flight for SECONDS each) against the container directly, through Caddy over HTTP and over HTTPS;
//   2. route-update latency with 1,000 routes loaded: POST /load of the config with one more route → the first
//      200 on that route's name (polled every 5 ms), ROUTE_ROUNDS times.
// Measured at Caddy's admin API, not through Wharf's HTTP API (Wharf's part — its database read and engine listing
// per sync — is not in this figure);
//   3. zero downtime: a Wharf server (a production build, NEXT_DIST_DIR honoured) programs the same Caddy; a load
//      loop of HTTPS requests (tests/helpers/zero-downtime.ts) runs while a routed busybox app is redeployed with a
//      new image and scaled 1 → 3 → 1, with the default drain (WHARF_EDGE_DRAIN_MS unset): failed / total per phase.
//   4. route update through Wharf's API (BENCH_EDGE_API=0 skips it): with 1,000 domains routed (999 rows written
//      straight into the database for a second, undeployed app: the API caps 50 per app), POST /apps/{id}/domains of
//      a new name → its first 200 through Caddy, API_ROUNDS times. So Wharf's part (the database read, the engine
//      reads, the load) is in this figure.
// Writes bench/results/edge.json with the load average; on a shared machine rerun it quiet.
// BENCH_EDGE_ONLY=api runs phase 4 alone (to compare two builds back to back) → bench/results/edge-api.json;
// BENCH_EDGE_ONLY=api-swarm the same with the 999 filler routes on a deployed Swarm service (the single-node Swarm)
// → bench/results/edge-api-swarm.json.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import { caddyConfig, type EdgeRoute } from "../lib/edge/config";
import { engine, startAdminWorld } from "../tests/deploy/helpers";
import { startedCaddy, type TestCaddy } from "../tests/helpers/caddy";
import { switchesUnderLoad, describeCounts, type PhaseCount } from "../tests/helpers/zero-downtime";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUTES = 1000;
const ROUTE_ROUNDS = Number(process.env.BENCH_ROUTE_ROUNDS ?? 10);
const API_ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 5);

const docker = (...args: string[]) => execFileSync("docker", args).toString().trim();
const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

type Load = { requests: number; errors: number; perSecond: number; p50Ms: number; p99Ms: number };

/** CONCURRENCY loops, each sending its next request when the previous answered, for SECONDS. */
async function load(get: () => Promise<number>): Promise<Load> {
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const status = await get().catch(() => 0);
        if (status === 200) lat.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  const took = (performance.now() - start) / 1000;
  return {
    requests: lat.length,
    errors,
    perSecond: round(lat.length / took, 1),
    p50Ms: round(pct(lat, 0.5)),
    p99Ms: round(pct(lat, 0.99)),
  };
}

function getter(url: string, host: string, ca?: string): () => Promise<number> {
  const u = new URL(url);
  const agent =
    u.protocol === "https:"
      ? new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca, servername: host })
      : new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const mod = u.protocol === "https:" ? https : http;
  return () =>
    new Promise<number>((resolve, reject) => {
      const req = mod.get(
        { host: u.hostname, port: u.port, path: u.pathname, agent, headers: { host } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
    });
}

/** Phase 3: a routed app through Wharf, redeployed and scaled under a load loop. */
async function zeroDowntime(caddy: TestCaddy): Promise<PhaseCount[]> {
  // The default drain (the test Caddy's env shortens it for the tests).
  const env = Object.fromEntries(Object.entries(caddy.env).filter(([k]) => k !== "WHARF_EDGE_DRAIN_MS"));
  const world = await startAdminWorld({ env });
  try {
    const stamp = Date.now().toString(36);
    const t = await world.tenant(`Bench edge ${stamp}`);
    const base = `bench-${stamp}.apps.test`;
    const edge = await world.admin.put(`/tenants/${t.tenantId}/edge`, {
      baseDomains: [base],
      customDomains: false,
    });
    if (edge.status !== 200) throw new Error(`base domain: ${edge.status}`);
    const web = (image: string, text: string) =>
      `services:\n  web:\n    image: ${image}\n    command: ["sh", "-c", "mkdir -p /www && echo '${text}' > /www/index.html && exec httpd -f -p 8080 -h /www"]\n    stop_grace_period: 1s\n`;
    const v1 = web("busybox:latest", "version 1");
    const made = await t.dev.post(`/projects/${t.projectId}/apps`, {
      name: "bench-site",
      hostId: world.hostId,
      mode: "standalone",
      source: { type: "compose", compose: v1 },
    });
    if (made.status !== 201) throw new Error(`app: ${made.status} ${JSON.stringify(made.body)}`);
    const appId = made.body.app.id as string;
    const deployed = await t.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose: v1 } });
    if (deployed.status !== 200) throw new Error(`deploy: ${deployed.status}`);
    const host = `web.${base}`;
    const attached = await t.dev.post(`/apps/${appId}/domains`, { host, service: "web", port: 8080 });
    if (attached.status !== 201) throw new Error(`domain: ${attached.status}`);
    const probe = getter(
      `https://127.0.0.1:${caddy.httpsPort}/`,
      host,
      fs.readFileSync(caddy.rootCa, "utf8"),
    );
    for (let i = 0; (await probe().catch(() => 0)) !== 200; i++) {
      if (i > 600) throw new Error("the routed app did not answer through Caddy");
      await new Promise((r) => setTimeout(r, 100));
    }
    return await switchesUnderLoad({
      dev: t.dev,
      appId,
      service: "web",
      caddy,
      host,
      pages: ["version 1", "version 2"],
      next: web("wharf-busybox:latest", "version 2"),
    });
  } finally {
    await world.stop();
  }
}

/**
 * Route-update latency through Wharf's API with 1,000 domains routed (phase 3). `swarm`: the 999 filler routes point
 * at a deployed Swarm app's service (the single-node Swarm; two tasks), so each sync reads that Swarm too.
 */
async function throughWharf(caddy: TestCaddy, swarm = false) {
  // A long sync interval: each figure is the attach's own sync, not the periodic one.
  const world = await startAdminWorld({ env: { ...caddy.env, WHARF_EDGE_SYNC_MS: "600000" }, swarm });
  let swarmApp = "";
  try {
    const t = await world.tenant(`Edge bench ${Date.now().toString(36)}`);
    const must = async (
      r: Promise<{ status: number; body: { app?: { id: string } } & object }>,
      what: string,
    ) => {
      const res = await r;
      if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await must(
      world.admin.put(`/tenants/${t.tenantId}/edge`, {
        baseDomains: ["api.bench.test"],
        customDomains: false,
      }),
      "base",
    );
    const compose = "services:\n  web:\n    image: nginx:1.27-alpine\n";
    const create = (name: string, mode = "standalone", file = compose) =>
      must(
        t.dev.post(`/projects/${t.projectId}/apps`, {
          name,
          hostId: world.hostId,
          mode,
          source: { type: "compose", compose: file },
        }),
        `create ${name}`,
      );
    const made = await create("edge-bench");
    const appId = made.app?.id ?? "";
    await must(t.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } }), "deploy");
    const attach = (host: string) =>
      must(
        t.dev.post(`/apps/${appId}/domains`, { host, service: "web", port: 80, redirectHttps: false }),
        host,
      );
    await attach("r0.api.bench.test");
    // 999 more rows like the first one, in one transaction, on a second app of the project (the API caps 50 per
    // app; that app is not deployed, so its routes answer 503, and the sync still lists the engine for each).
    // With `swarm` that app is a deployed Swarm service with a host-mode port: its 999 routes have its two tasks.
    const swarmCompose = `services:
  web:
    image: busybox:latest
    command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 80 -h /www"]
    ports: ["80"]
    deploy: { replicas: 2 }
`;
    const filler = await create(
      "edge-bench-filler",
      swarm ? "swarm" : "standalone",
      swarm ? swarmCompose : compose,
    );
    if (swarm) {
      swarmApp = filler.app?.id ?? "";
      const body = { source: { type: "compose", compose: swarmCompose } };
      await must(t.dev.post(`/apps/${swarmApp}/deploy`, body), "deploy the Swarm app");
    }
    const file = world.server.databaseUrl.replace(/^file:/, "");
    const sql = (q: string) => execFileSync("sqlite3", [file], { input: q }).toString().trim();
    const [createdAt, tenantId] = sql(
      `SELECT createdAt, tenantId FROM AppDomain WHERE appId='${appId}';`,
    ).split("|");
    const rows = Array.from(
      { length: ROUTES - 1 },
      (_, i) =>
        `('bench${i}', '${tenantId}', '${filler.app?.id ?? ""}', 'web', 80, 'r${i + 1}.api.bench.test', '/', 0, 1, 'api', '${createdAt}')`,
    );
    sql(
      `PRAGMA busy_timeout=10000; BEGIN; INSERT INTO AppDomain (id, tenantId, appId, service, port, host, pathPrefix, redirectHttps, approved, source, createdAt) VALUES ${rows.join(",")}; COMMIT;`,
    );
    const warm = "warm.api.bench.test";
    await attach(warm); // the first sync with 1,000 routes (Caddy loads them all)
    const warmProbe = getter(`http://127.0.0.1:${caddy.httpPort}/`, warm);
    for (let i = 0; (await warmProbe().catch(() => 0)) !== 200; i++) {
      if (i > 1200) throw new Error("the 1,000 routes were not served");
      await new Promise((r) => setTimeout(r, 100));
    }
    const times: number[] = [];
    for (let r = 0; r < API_ROUNDS; r++) {
      const host = `api${r}.api.bench.test`;
      const probe = getter(`http://127.0.0.1:${caddy.httpPort}/`, host);
      const t0 = performance.now();
      await attach(host);
      while ((await probe().catch(() => 0)) !== 200) await new Promise((res) => setTimeout(res, 5));
      times.push(performance.now() - t0);
    }
    return {
      routesLoaded: ROUTES + 1,
      fillerRoutesTo: swarm
        ? "a Swarm service with two tasks (single-node Swarm)"
        : "an undeployed standalone app",
      rounds: API_ROUNDS,
      measured:
        "POST /apps/{id}/domains (Wharf's API: claim checks, row, sync = database read + one engine listing per app and one network inspect per edge network + POST /load) until the new name's first 200 over HTTP through Caddy",
      medianMs: round(pct(times, 0.5), 1),
      maxMs: round(Math.max(...times), 1),
      allMs: times.map((x) => round(x, 1)),
    };
  } finally {
    // The Swarm app's services would outlive the server on the shared Swarm.
    for (const s of swarmApp
      ? await engine.listServices({ filters: { label: [`wharf.app=${swarmApp}`] } })
      : [])
      await engine.getService(s.ID).remove();
    await world.stop();
  }
}

/** Phase 4 alone (`swarm`: its Swarm variant), with the commit and build it ran against. */
async function apiOnly(swarm: boolean) {
  const loadBefore = os.loadavg();
  const caddy = await startedCaddy();
  try {
    const throughApi = await throughWharf(caddy, swarm);
    const result = {
      at: new Date().toISOString(),
      commit: execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim(),
      build: process.env.NEXT_DIST_DIR ?? ".next",
      cpus: os.cpus().length,
      loadAverageBefore: loadBefore.map((x) => round(x)),
      loadAverageAfter: os.loadavg().map((x) => round(x)),
      routeUpdateThroughWharfApi: throughApi,
    };
    fs.mkdirSync("bench/results", { recursive: true });
    const out = swarm ? "bench/results/edge-api-swarm.json" : "bench/results/edge-api.json";
    fs.writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
    console.log(
      `through Wharf's API with ${throughApi.routesLoaded} routes: median ${throughApi.medianMs} ms, max ${throughApi.maxMs} ms (${throughApi.allMs.join(", ")})`,
    );
    console.log(
      `load average ${result.loadAverageBefore.join(" ")} → ${result.loadAverageAfter.join(" ")} on ${result.cpus} CPUs`,
    );
  } finally {
    caddy.stop();
  }
}

async function main() {
  if (process.env.BENCH_EDGE_ONLY === "api") return apiOnly(false);
  if (process.env.BENCH_EDGE_ONLY === "api-swarm") return apiOnly(true);
  const loadBefore = os.loadavg();
  const caddy = await startedCaddy();
  const name = `wharf-bench-edge-${Date.now().toString(36)}`;
  docker("run", "-d", "--name", name, "--label", "wharf.bench=edge", "nginx:1.27-alpine");
  try {
    const ip = docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name);
    const upstream = `${ip}:80`;
    const settings = {
      adminListen: new URL(caddy.adminUrl).host,
      httpPort: caddy.httpPort,
      httpsPort: caddy.httpsPort,
    };
    const filler: EdgeRoute[] = Array.from({ length: ROUTES - 1 }, (_, i) => ({
      host: `r${i}.bench.test`,
      pathPrefix: "/",
      upstreams: [upstream],
      redirectHttps: false,
    }));
    const bench: EdgeRoute = {
      host: "web.bench.test",
      pathPrefix: "/",
      upstreams: [upstream],
      redirectHttps: false,
    };
    const loadConfig = async (routes: EdgeRoute[]) => {
      const res = await fetch(`${caddy.adminUrl}/load`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(caddyConfig(routes, settings)),
      });
      if (!res.ok) throw new Error(`load: ${res.status} ${await res.text()}`);
    };
    await loadConfig([...filler, bench]);
    const ca = () => fs.readFileSync(caddy.rootCa, "utf8");
    const viaHttps = `https://127.0.0.1:${caddy.httpsPort}/`;
    // Wait for the certificate (internal CA) and the route.
    for (let i = 0; ; i++) {
      const ok =
        fs.existsSync(caddy.rootCa) && (await getter(viaHttps, bench.host, ca())().catch(() => 0)) === 200;
      if (ok) break;
      if (i > 600) throw new Error("Caddy did not serve the bench route over HTTPS");
      await new Promise((r) => setTimeout(r, 100));
    }
    const direct = await load(getter(`http://${upstream}/`, bench.host));
    const viaCaddyHttp = await load(getter(`http://127.0.0.1:${caddy.httpPort}/`, bench.host));
    const viaCaddyHttps = await load(getter(viaHttps, bench.host, ca()));

    // Route updates with 1,000 routes: each round adds one new name and waits for its first 200 (over HTTP: the
    // new name's certificate is issued asynchronously, which is Caddy's issuance time, not routing).
    const updates: number[] = [];
    for (let r = 0; r < ROUTE_ROUNDS; r++) {
      const fresh: EdgeRoute = { ...bench, host: `new${r}.bench.test` };
      const probe = getter(`http://127.0.0.1:${caddy.httpPort}/`, fresh.host);
      const t0 = performance.now();
      await loadConfig([...filler, bench, fresh]);
      while ((await probe().catch(() => 0)) !== 200) await new Promise((res) => setTimeout(res, 5));
      updates.push(performance.now() - t0);
    }
    const switches = await zeroDowntime(caddy);
    const throughApi = process.env.BENCH_EDGE_API === "0" ? null : await throughWharf(caddy);
    const sum = (k: "total" | "failed" | "resets") => switches.reduce((n, c) => n + c[k], 0);
    const result = {
      at: new Date().toISOString(),
      caddy: execFileSync("caddy", ["version"]).toString().trim(),
      upstream: "nginx:1.27-alpine default page, one container on the default bridge",
      loadGenerator: `Node keep-alive loop in this process, ${CONCURRENCY} in flight, ${SECONDS} s per target`,
      cpus: os.cpus().length,
      loadAverageBefore: loadBefore.map((x) => round(x)),
      loadAverageAfter: os.loadavg().map((x) => round(x)),
      direct,
      viaCaddyHttp,
      viaCaddyHttps,
      ratios: {
        httpThroughputVsDirect: round(viaCaddyHttp.perSecond / direct.perSecond),
        httpsThroughputVsDirect: round(viaCaddyHttps.perSecond / direct.perSecond),
        httpP99VsDirect: round(viaCaddyHttp.p99Ms / direct.p99Ms),
        httpsP99VsDirect: round(viaCaddyHttps.p99Ms / direct.p99Ms),
      },
      routeUpdate: {
        routesLoaded: ROUTES,
        rounds: ROUTE_ROUNDS,
        measured: "POST /load of caddyConfig (1,000 → 1,001 routes) until the new name's first 200 over HTTP",
        medianMs: round(pct(updates, 0.5), 1),
        maxMs: round(Math.max(...updates), 1),
      },
      routeUpdateThroughWharfApi: throughApi,
      zeroDowntime: {
        measured:
          "HTTPS GETs through Caddy (4 clients, a new connection each) while Wharf redeploys a routed busybox app with a new image, then scales it 1 → 3 → 1 (default drain)",
        failed: sum("failed"),
        resets: sum("resets"),
        total: sum("total"),
        phases: switches,
      },
      note:
        os.loadavg()[0] > os.cpus().length
          ? "measured on a shared, loaded machine: the figures are pessimistic; rerun on a quiet machine"
          : "quiet machine",
    };
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync("bench/results/edge.json", JSON.stringify(result, null, 2) + "\n");
    const row = (label: string, l: Load) =>
      `${label.padEnd(16)} ${String(l.perSecond).padStart(9)} req/s   p50 ${String(l.p50Ms).padStart(7)} ms   p99 ${String(l.p99Ms).padStart(7)} ms   errors ${l.errors}`;
    console.log(row("direct", direct));
    console.log(row("caddy http", viaCaddyHttp));
    console.log(row("caddy https", viaCaddyHttps));
    console.log("ratios (caddy / direct):", JSON.stringify(result.ratios));
    console.log(
      `route update with ${ROUTES} routes: median ${result.routeUpdate.medianMs} ms, max ${result.routeUpdate.maxMs} ms`,
    );
    if (throughApi)
      console.log(
        `through Wharf's API with ${throughApi.routesLoaded} routes: median ${throughApi.medianMs} ms, max ${throughApi.maxMs} ms (${throughApi.allMs.join(", ")})`,
      );
    console.log(
      `zero downtime: ${sum("failed")} failed, ${sum("resets")} reset in the handshake, of ${sum("total")}\n${describeCounts(switches)}`,
    );
    console.log(
      `load average ${result.loadAverageBefore.join(" ")} → ${result.loadAverageAfter.join(" ")} on ${result.cpus} CPUs`,
    );
  } finally {
    docker("rm", "-f", name);
    caddy.stop();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
