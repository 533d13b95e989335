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

// Debian's Prometheus scrapes Wharf's /metrics with an ops user's metrics-scoped token, and PromQL through
// Prometheus' HTTP API returns Wharf's series. Members get 403, and a metrics token reaches nothing else.
const uniq = `pm${Date.now().toString(36)}`;
const PROM_PORT = process.env.WHARF_TEST_PROMETHEUS_PORT ?? "19090";
const script = path.resolve("scripts/services/prometheus.sh");
const docker = new Docker({ socketPath: "/var/run/docker.sock" });
let server: WharfServer;
let admin: ApiClient;
let ops: ApiClient;
let member: ApiClient;
let tenantSlug: string;
let metricsToken: string;
let promEnv: NodeJS.ProcessEnv;

const scrape = (token: string, pathname = "/metrics") =>
  fetch(`${server.baseUrl}${pathname}`, { headers: { authorization: `Bearer ${token}` } });

type PromVector = {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
};
async function promQuery(query: string) {
  const res = await fetch(`http://127.0.0.1:${PROM_PORT}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as PromVector;
  expect(body.status).toBe("success");
  return body.data.result;
}

beforeAll(async () => {
  server = await startWharfServer();
  admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  const tenant = (await admin.post("/tenants", { name: `M ${uniq}` })).body as { id: string; slug: string };
  tenantSlug = tenant.slug;
  const localId = (await admin.get("/hosts")).body.items.find((h: { name: string }) => h.name === "local").id;
  await admin.put(`/hosts/${localId}/grants`, { tenantIds: [tenant.id] });
  ops = (await createUserClient(admin, `ops-${uniq}@wharf.test`, { globalRole: "ops" })).client;
  member = await memberClient(admin, `dev-${uniq}@wharf.test`, tenant.id, "developer");
  await runContainer(docker, `${uniq}-web`, provedLabels(server, `${uniq}-web`, { tenant: tenant.id }));
}, 180_000);

afterAll(async () => {
  if (promEnv) execFileSync("bash", [script, "stop"], { env: promEnv, stdio: "inherit" });
  await removeByPrefix(uniq);
  await server?.stop();
});

describe("GET /metrics", () => {
  it("gives ops a metrics-scoped token that reaches /metrics and nothing else", async () => {
    const created = await ops.post("/tokens", { name: "prometheus", scopes: ["metrics"] });
    expect(created.status).toBe(201);
    expect(created.body.scopes).toEqual(["metrics"]);
    metricsToken = created.body.token;
    const res = await scrape(metricsToken);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const text = await res.text();
    expect(text).toMatch(/^wharf_host_up\{host="local",host_id="[^"]+"\} 1$/m);
    expect(text).toContain(`tenant="${tenantSlug}",state="running"} 1`);
    // The token opens nothing else: not the API, not the fleet's direct routes.
    expect((await scrape(metricsToken, "/api/v1/hosts")).status).toBe(403);
    expect((await scrape(metricsToken, "/api/v1/counters")).status).toBe(403);
  });

  it("refuses members, with any token, and refuses them a metrics scope", async () => {
    const refused = await member.post("/tokens", { name: "sneaky", scopes: ["metrics"] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.fields).toHaveProperty("scopes");
    expect((await member.get("/tokens")).body.items).toEqual([]); // nothing was created
    const apiToken = (await member.post("/tokens", { name: "api" })).body;
    expect(apiToken.scopes).toEqual(["api"]);
    const res = await scrape(apiToken.token);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("wharf_");
    expect((await member.post("/tokens", { name: "x", scopes: ["root"] })).status).toBe(422);
  });

  it("is scraped by Debian's Prometheus, and PromQL returns Wharf's series", async () => {
    const tokenFile = path.join(server.dataDir, "prometheus.token");
    fs.writeFileSync(tokenFile, metricsToken, { mode: 0o600 });
    promEnv = {
      ...process.env,
      WHARF_TEST_PROMETHEUS_PORT: PROM_PORT,
      WHARF_TEST_PROMETHEUS_TARGET: new URL(server.baseUrl).host,
      WHARF_TEST_PROMETHEUS_TOKEN_FILE: tokenFile,
    };
    execFileSync("bash", [script, "start"], { env: promEnv, stdio: "inherit" });
    await until(
      "Prometheus scraped Wharf",
      async () => (await promQuery('up{job="wharf"} == 1')).length === 1,
    );
    const hosts = await promQuery('wharf_host_up{job="wharf"}');
    expect(hosts.map((r) => [r.metric.host, r.value[1]])).toContainEqual(["local", "1"]);
    const mine = await promQuery(`sum by (tenant) (wharf_tenant_containers{tenant="${tenantSlug}"})`);
    expect(mine.map((r) => r.value[1])).toEqual(["1"]);
    // Request latencies are per route pattern: the scrapes themselves show up under "/metrics".
    const scrapes = await promQuery('wharf_http_request_duration_seconds_count{route="/metrics",code="2xx"}');
    expect(scrapes.length).toBeGreaterThan(0);
  }, 90_000);
});
