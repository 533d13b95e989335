import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runContainer } from "@/tests/fleet/engine";
import { ApiClient, createUserClient, memberClient } from "@/tests/helpers/api-client";
import { provedLabels } from "@/tests/helpers/owner-labels";
import { until } from "@/tests/helpers/until";
import { startWharfServer, type WharfServer } from "@/tests/helpers/wharf-server";
import { removeByPrefix } from "@/tests/ops/helpers";

// Metrics history on the real engine (docs/metrics.md "History"): the collector, at a 2 s interval, stores points
// for a running container; they survive a restart of Wharf; tenant B sees none of A's series. Then Prometheus mode:
// Debian's Prometheus scrapes a second Wharf's per-container series and the same chart route reads them back.
const uniq = `mh${Date.now().toString(36)}`;
const PROM_PORT = process.env.WHARF_TEST_PROMETHEUS_HISTORY_PORT ?? "19091";
const script = path.resolve("scripts/services/prometheus.sh");
const docker = new Docker({ socketPath: "/var/run/docker.sock" });
const ENV = { WHARF_METRICS_INTERVAL_S: "2", WHARF_ALERTS_INTERVAL_MS: "1000" };
let server: WharfServer;
let admin: ApiClient;
let ops: ApiClient;
let memberA: ApiClient;
let memberB: ApiClient;
let tenantA: string;
let hostId: string;
let containerId: string;
let promEnv: NodeJS.ProcessEnv | null = null;
let promServer: WharfServer | null = null;

type Series = { source: string; step: number; t: number[]; cpu: (number | null)[]; mem: (number | null)[] };
const series = async (c: ApiClient, p: string) => (await c.get(`${p}/metrics?range=1h`)).body as Series;

async function signIn(s: WharfServer) {
  admin = await new ApiClient(s.baseUrl).login(s.adminEmail, s.adminPassword);
}

beforeAll(async () => {
  server = await startWharfServer({ env: ENV });
  await signIn(server);
  tenantA = (await admin.post("/tenants", { name: `A ${uniq}` })).body.id;
  const tenantB = (await admin.post("/tenants", { name: `B ${uniq}` })).body.id;
  hostId = (await admin.get("/hosts")).body.items.find((h: { name: string }) => h.name === "local").id;
  await admin.put(`/hosts/${hostId}/grants`, { tenantIds: [tenantA, tenantB] });
  ops = (await createUserClient(admin, `ops-${uniq}@wharf.test`, { globalRole: "ops" })).client;
  memberA = await memberClient(admin, `a-${uniq}@wharf.test`, tenantA, "viewer");
  memberB = await memberClient(admin, `b-${uniq}@wharf.test`, tenantB, "owner");
  const c = await runContainer(
    docker,
    `${uniq}-web`,
    provedLabels(server, `${uniq}-web`, { tenant: tenantA }),
  );
  containerId = c.id;
}, 180_000);

afterAll(async () => {
  if (promEnv) execFileSync("bash", [script, "stop"], { env: promEnv, stdio: "inherit" });
  await removeByPrefix(uniq);
  await promServer?.stop();
  await server?.stop();
});

describe("metrics history", () => {
  it("stores points for a running container within a few intervals, and totals for its host and tenant", async () => {
    await until(
      "two container points",
      async () => (await series(ops, `/containers/${containerId}`)).t.length >= 2,
      90_000,
    );
    const s = await series(ops, `/containers/${containerId}`);
    expect(s.source).toBe("store");
    expect(s.mem.every((m) => m !== null && m > 0)).toBe(true);
    expect(s.step).toBeGreaterThan(0);
    // The member of A sees its container's and its tenant's history.
    expect((await series(memberA, `/containers/${containerId}`)).t.length).toBeGreaterThanOrEqual(2);
    await until(
      "the tenant's 1-minute totals",
      async () => (await series(memberA, `/tenants/${tenantA}`)).t.length >= 1,
    );
    expect((await series(ops, `/hosts/${hostId}`)).t.length).toBeGreaterThanOrEqual(1);
    expect((await series(ops, "/cluster")).t.length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("shows tenant B none of A's series", async () => {
    expect((await memberB.get(`/containers/${containerId}/metrics?range=1h`)).status).toBe(404);
    expect((await memberB.get(`/tenants/${tenantA}/metrics?range=24h`)).status).toBe(404);
    // Host and fleet-wide totals cover every tenant: ops and admins only.
    expect((await memberB.get(`/hosts/${hostId}/metrics`)).status).toBe(403);
    expect((await memberA.get("/cluster/metrics")).status).toBe(403);
    const bad = await ops.get(`/cluster/metrics?range=2y`);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("range");
  });

  it("fires a tenant's CPU rule for a container burning a core, and resolves it when the container stops", async () => {
    const bad = await admin.post("/alert-rules", {
      tenantId: tenantA,
      name: "too hot",
      kind: "container_cpu",
      threshold: 5000,
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("threshold");
    // 5 % of a core: the loop gets far more even on a loaded machine; the sleeping web container stays under.
    const rule = (
      await admin.post("/alert-rules", {
        tenantId: tenantA,
        name: `cpu ${uniq}`,
        kind: "container_cpu",
        threshold: 5,
        windowMinutes: 0,
      })
    ).body as { id: string };
    const name = `${uniq}-burn`;
    const burn = await docker.createContainer({
      name,
      Image: "busybox:latest",
      Cmd: ["sh", "-c", "while :; do :; done"],
      Labels: provedLabels(server, name, { tenant: tenantA }),
      HostConfig: { NetworkMode: "none" },
      StopTimeout: 1,
    });
    await burn.start();
    type Alert = { id: string; ruleId: string; state: string; subjects: { containerId: string | null }[] };
    const firing = async (who: ApiClient) =>
      ((await who.get("/alerts?state=firing")).body.items as Alert[]).find((x) => x.ruleId === rule.id);
    await until("the CPU alert fires", async () => Boolean(await firing(memberA)), 60_000);
    const alert = (await firing(memberA))!;
    expect(alert.subjects.map((x) => x.containerId)).toEqual([burn.id]);
    expect((await memberB.get(`/alerts/${alert.id}`)).status).toBe(404);
    await burn.stop({ t: 0 });
    await until(
      "the CPU alert resolves",
      async () => (await memberA.get(`/alerts/${alert.id}`)).body.state === "resolved",
      60_000,
    );
  }, 150_000);

  it("keeps the history across a restart of Wharf", async () => {
    const before = (await series(ops, `/containers/${containerId}`)).t;
    await server.stop();
    server = await startWharfServer({
      dataDir: server.dataDir,
      adminPassword: server.adminPassword,
      env: ENV,
    });
    await signIn(server);
    const after = (await series(admin, `/containers/${containerId}`)).t;
    expect(after.slice(0, before.length)).toEqual(before);
  }, 200_000);

  it("reads the charts from Prometheus when WHARF_PROMETHEUS_URL is set, scoped by Wharf", async () => {
    promServer = await startWharfServer({
      env: { ...ENV, WHARF_PROMETHEUS_URL: `http://127.0.0.1:${PROM_PORT}`, WHARF_METRICS_CONTAINERS: "1" },
    });
    const pAdmin = await new ApiClient(promServer.baseUrl).login(
      promServer.adminEmail,
      promServer.adminPassword,
    );
    const a = (await pAdmin.post("/tenants", { name: `PA ${uniq}` })).body.id;
    const b = (await pAdmin.post("/tenants", { name: `PB ${uniq}` })).body.id;
    const local = (await pAdmin.get("/hosts")).body.items.find(
      (h: { name: string }) => h.name === "local",
    ).id;
    await pAdmin.put(`/hosts/${local}/grants`, { tenantIds: [a, b] });
    const pB = await memberClient(pAdmin, `pb-${uniq}@wharf.test`, b, "owner");
    const name = `${uniq}-prom`;
    const c = await runContainer(docker, name, provedLabels(promServer, name, { tenant: a }));
    const token = (await pAdmin.post("/tokens", { name: "prometheus", scopes: ["metrics"] })).body.token;
    const tokenFile = path.join(promServer.dataDir, "prometheus.token");
    fs.writeFileSync(tokenFile, token, { mode: 0o600 });
    const env = {
      ...process.env,
      WHARF_TEST_PROMETHEUS_PORT: PROM_PORT,
      WHARF_TEST_PROMETHEUS_TARGET: new URL(promServer.baseUrl).host,
      WHARF_TEST_PROMETHEUS_TOKEN_FILE: tokenFile,
    };
    execFileSync("bash", [script, "start"], { env, stdio: "inherit" });
    // Only now: when the start fails (another run's Prometheus on this port), afterAll must not stop that one.
    promEnv = env;
    await until(
      "the chart has points from Prometheus",
      async () => (await series(pAdmin, `/containers/${c.id}`)).t.length >= 2,
      120_000,
    );
    const s = await series(pAdmin, `/containers/${c.id}`);
    expect(s.source).toBe("prometheus");
    expect(s.mem.some((m) => m !== null && m > 0)).toBe(true);
    expect((await series(pAdmin, `/tenants/${a}`)).t.length).toBeGreaterThan(0);
    // Nothing was stored: the history lives in Prometheus.
    expect((await pB.get(`/containers/${c.id}/metrics?range=1h`)).status).toBe(404);
    expect((await pB.get(`/tenants/${a}/metrics?range=1h`)).status).toBe(404);
    // B's own tenant has no containers: an empty chart, not A's points.
    expect((await series(pB, `/tenants/${b}`)).t).toEqual([]);
  }, 240_000);
});
