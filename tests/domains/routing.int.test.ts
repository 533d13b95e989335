// Domains through the real edge proxy (issue 23, docs/edge.md): Debian's Caddy, programmed only through its
// admin API, with certificates from its internal CA. One deploy serves every assertion (the suite's time budget).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine, startAdminWorld, type AdminWorld, type TenantSetup } from "../deploy/helpers";
import { curl, startedCaddy, type TestCaddy } from "../helpers/caddy";
import { until } from "../helpers/until";

let caddy: TestCaddy;
let world: AdminWorld;
let a: TenantSetup;
let b: TenantSetup;
let appId = "";
const stamp = Date.now().toString(36);
const baseA = `a-${stamp}.apps.test`;
const host = `web.${baseA}`;
const page = `hello from ${stamp}`;

const compose = `services:
  web:
    image: busybox:latest
    command: ["sh", "-c", "mkdir -p /www && echo '${page}' > /www/index.html && exec httpd -f -p 8080 -h /www"]
`;

type Route = { match: { host: string[] }[]; handle: { upstreams?: { dial: string }[] }[] };
async function httpsRoutes(): Promise<Route[]> {
  const res = await fetch(`${caddy.adminUrl}/config/apps/http/servers/wharf-https/routes`);
  return res.ok ? (((await res.json()) as Route[] | null) ?? []) : [];
}
const upstreamsOf = async (name: string) =>
  (await httpsRoutes()).find((r) => r.match[0].host.includes(name))?.handle[0].upstreams?.map((u) => u.dial);

beforeAll(async () => {
  caddy = await startedCaddy();
  world = await startAdminWorld({ env: caddy.env });
  [a, b] = [await world.tenant(`Edge A ${stamp}`), await world.tenant(`Edge B ${stamp}`)];
  for (const [t, base] of [
    [a, baseA],
    [b, `b-${stamp}.apps.test`],
  ] as const) {
    const res = await world.admin.put(`/tenants/${t.tenantId}/edge`, {
      baseDomains: [base],
      customDomains: false,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const created = await a.dev.post(`/projects/${a.projectId}/apps`, {
    name: "site",
    hostId: world.hostId,
    mode: "standalone",
    source: { type: "compose", compose },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  appId = created.body.app.id;
  const deployed = await a.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } });
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);
});

afterAll(async () => {
  await world?.stop();
  caddy?.stop();
});

describe("an app at its own HTTPS address", () => {
  it("serves the page over HTTPS trusting Caddy's root, and plain HTTP redirects", async () => {
    expect(await upstreamsOf(host)).toBeUndefined();
    const res = await a.dev.post(`/apps/${appId}/domains`, {
      host: host.toUpperCase(),
      service: "web",
      port: 8080,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      host,
      pathPrefix: "/",
      approved: true,
      url: `https://${host}:${caddy.httpsPort}/`,
    });

    const https = await until("the page over HTTPS", async () => {
      const r = await curl(caddy, res.body.url);
      return r.status === 200 && r.body;
    });
    expect(https.trim()).toBe(page);
    const plain = await curl(caddy, `http://${host}:${caddy.httpPort}/x?y=1`);
    expect(plain).toMatchObject({ status: 308, location: `https://${host}:${caddy.httpsPort}/x?y=1` });
  });

  it("enforces basic auth: 401 without, 401 with a wrong password, 200 with the right one; never shown back", async () => {
    const privateHost = `private.${baseA}`;
    const res = await a.dev.post(`/apps/${appId}/domains`, {
      host: privateHost,
      service: "web",
      port: 8080,
      basicAuth: { username: "ann", password: "correct horse" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.basicAuthUser).toBe("ann");
    expect(JSON.stringify(res.body)).not.toContain("correct horse");
    const listed = await a.dev.get(`/apps/${appId}/domains`);
    expect(JSON.stringify(listed.body)).not.toMatch(/correct horse|\$2[aby]\$/);
    const url = `https://${privateHost}:${caddy.httpsPort}/`;
    await until("the route with basic auth", async () => (await curl(caddy, url)).status === 401);
    expect((await curl(caddy, url, ["-u", "ann:wrong password"])).status).toBe(401);
    const ok = await curl(caddy, url, ["-u", "ann:correct horse"]);
    expect(ok.status).toBe(200);
    expect(ok.body.trim()).toBe(page);
    const short = await a.dev.post(`/apps/${appId}/domains`, {
      host: `short.${baseA}`,
      service: "web",
      port: 8080,
      basicAuth: { username: "a:b", password: "x" },
    });
    expect(short.status).toBe(422);
    expect(Object.keys(short.body.error.fields).sort()).toEqual(["basicAuth.password", "basicAuth.username"]);
    expect((await a.dev.delete(`/apps/${appId}/domains/${res.body.id}`)).status).toBe(200);
  });

  it("refuses another tenant's name (audited), a taken name and config-injecting input", async () => {
    const other = await b.dev.post(`/projects/${b.projectId}/apps`, {
      name: "thief",
      hostId: world.hostId,
      mode: "standalone",
      source: { type: "compose", compose },
    });
    expect(other.status).toBe(201);
    const stolen = await b.dev.post(`/apps/${other.body.app.id}/domains`, {
      host,
      service: "web",
      port: 8080,
    });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.fields).toEqual({ host: "not yours" });
    const audit = await world.admin.get(`/audit?tenantId=${b.tenantId}&action=app.domain.attach`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ outcome: "denied", detail: expect.objectContaining({ host }) }),
    ]);
    const again = await a.dev.post(`/apps/${appId}/domains`, { host, service: "web", port: 8080 });
    expect(again.status).toBe(409);
    for (const [field, body] of [
      ["host", { host: `x{http.vars}.${baseA}`, service: "web", port: 8080 }],
      ["host", { host: `x\n.${baseA}`, service: "web", port: 8080 }],
      ["host", { host: `wеb.${baseA}`, service: "web", port: 8080 }],
      ["pathPrefix", { host, pathPrefix: "/a/../b", service: "web", port: 8080 }],
    ] as const) {
      const bad = await a.dev.post(`/apps/${appId}/domains`, body);
      expect(bad.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(bad.body.error.fields)).toEqual([field]);
    }
    expect((await httpsRoutes()).length).toBe(1);
  });

  it("keeps tenant containers on the edge network away from the admin API", async () => {
    const [upstream] = (await upstreamsOf(host)) ?? [];
    expect(upstream).toBeTruthy();
    const net = await engine.getNetwork(`wharf-edge-${a.tenantId}`).inspect();
    const gateway = net.IPAM?.Config?.[0]?.Gateway ?? "";
    expect(gateway).toMatch(/^\d+\./);
    const adminPort = new URL(caddy.adminUrl).port;
    // nc, not wget: the static busybox's wget crashes in a scratch container (no resolver libraries).
    const probe = (addr: string, path: string) =>
      `printf 'GET ${path} HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${addr.replace(":", " ")} | grep -q '^HTTP/' && echo "reached ${addr}${path}"`;
    const c = await engine.createContainer({
      Image: "busybox:latest",
      Tty: true,
      Cmd: ["sh", "-c", [probe(upstream, "/"), probe(`${gateway}:${adminPort}`, "/config/")].join("; ")],
      HostConfig: { NetworkMode: `wharf-edge-${a.tenantId}`, AutoRemove: false },
      Labels: { "wharf.tenant": a.tenantId },
    });
    try {
      await c.start();
      await c.wait();
      const out = (await c.logs({ stdout: true, stderr: true })).toString();
      expect(out).toContain(`reached ${upstream}/`); // the network works…
      expect(out).not.toContain("/config/"); // …the admin API is not on it
    } finally {
      await c.remove({ force: true });
    }
    expect((await fetch(`${caddy.adminUrl}/config/`)).ok).toBe(true); // it answers on the host's loopback
  });

  it("adds and removes upstreams as the app scales", async () => {
    const scaled = await a.dev.post(`/apps/${appId}/scale`, { service: "web", replicas: 2 });
    expect(scaled.status, JSON.stringify(scaled.body)).toBe(200);
    await until("two upstreams", async () => (await upstreamsOf(host))?.length === 2);
    const down = await a.dev.post(`/apps/${appId}/scale`, { service: "web", replicas: 1 });
    expect(down.status).toBe(200);
    await until("one upstream", async () => (await upstreamsOf(host))?.length === 1);
  });

  it("converges after a Caddy restart, and removing the app removes its route", async () => {
    caddy.stop();
    caddy.start();
    const back = await until("the route back after a restart", async () => {
      const r = await curl(caddy, `https://${host}:${caddy.httpsPort}/`);
      return r.status === 200 && r.body;
    });
    expect(back.trim()).toBe(page);

    expect((await a.dev.delete(`/apps/${appId}`)).status).toBe(200);
    expect(await upstreamsOf(host)).toBeUndefined();
    expect((await curl(caddy, `https://${host}:${caddy.httpsPort}/`)).status).not.toBe(200);
  });
});
