// npx tsx bench/ha/connection-cost.ts [--dist-dir .next-ha] [--hosts 50] [--seconds 10] [--concurrency 16]
// What a new connection per request costs a Wharf instance (HAProxy's `option http-server-close` opens one to the
// instance for every request): the server's CPU-seconds per 1,000 GETs over kept-alive connections against one
// connection per request (`Connection: close`), alternating, with no engine events (nothing else to pay for).
// Engine simulator fleet, PostgreSQL (a fresh database of the test cluster). See docs/scale.md, "Several instances".
import http from "node:http";
import { parseArgs } from "node:util";
import { freePort } from "../../tests/deploy/helpers";
import { registerHosts, waitForFleet } from "../scale/fleet";
import { adminToken, LoopbackClient } from "../scale/http";
import { loadAverage } from "../scale/machine";
import { startProvenSim } from "../scale/sim";
import { readCpuSeconds, startWharf } from "../scale/wharf";

const { values: v } = parseArgs({
  options: {
    "dist-dir": { type: "string", default: ".next-ha" },
    hosts: { type: "string", default: "50" },
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "16" },
  },
});

async function loop(baseUrl: string, path: string, token: string, keepAlive: boolean, seconds: number) {
  const url = new URL(baseUrl);
  const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: Number(v.concurrency) }) : false;
  let n = 0;
  const get = () =>
    new Promise<void>((resolve) => {
      const req = http.get(
        {
          host: url.hostname,
          port: url.port,
          path: `/api/v1${path}`,
          agent,
          headers: { authorization: `Bearer ${token}`, ...(keepAlive ? {} : { connection: "close" }) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 200) n++;
            resolve();
          });
        },
      );
      req.on("error", () => resolve());
    });
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: Number(v.concurrency) }, async () => {
      while (performance.now() < deadline) await get();
    }),
  );
  if (agent) agent.destroy();
  return n;
}

async function main() {
  const hosts = Number(v.hosts);
  const { sim, secret } = await startProvenSim("conn-cost", { engines: hosts, containersPerEngine: 100 });
  const env = { WHARF_SECRET_KEY: secret, NEXT_DIST_DIR: v["dist-dir"]! };
  const wharf = await startWharf(await freePort(), process.cwd(), env, true);
  try {
    const token = await adminToken(wharf.baseUrl, wharf.adminEmail, wharf.adminPassword);
    const client = new LoopbackClient(wharf.baseUrl, 8);
    client.headers.authorization = `Bearer ${token}`;
    await registerHosts(client, sim.endpoints, 8, 1, "conn");
    await waitForFleet(client, hosts, hosts * 100, 300_000);
    client.close();
    console.log(`load average before: ${loadAverage().join(" ")}`);
    for (const path of ["/containers", "/counters"])
      for (let round = 1; round <= 2; round++)
        for (const keepAlive of [true, false]) {
          const c0 = readCpuSeconds(wharf.pid);
          const n = await loop(wharf.baseUrl, path, token, keepAlive, Number(v.seconds));
          const cpu = readCpuSeconds(wharf.pid) - c0;
          console.log(
            `${path.padEnd(12)} round ${round} ${keepAlive ? "kept-alive       " : "one per request  "} ${String(n).padStart(6)} requests, ${((cpu / n) * 1000).toFixed(3)} CPU-s per 1,000`,
          );
        }
    console.log(`load average after: ${loadAverage().join(" ")}`);
  } finally {
    await wharf.stop();
    await sim.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
