// Issue 12: the cross-tenant property over every route of the OpenAPI document. For each operation, a
// request by tenant A's owner that names tenant B's objects (ids, names, image references) answers 404 or
// 403, and the very same request by B's owner answers 2xx — so a case cannot pass on a malformed request.
// Operations that cannot name another tenant's object are listed with the reason; admin/ops-only ones are
// checked to refuse A's owner. An operation in none of the tables fails the test until it is classified.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  crossTenantCases,
  imageCases,
  notTenantScoped,
  staffOnly,
  type Case,
  type Objects,
} from "./cross-tenant-routes";
import { finish } from "../builds/helpers";
import { adminClient, engine, localHostId, removeTenantObjects, setupTenant } from "../deploy/helpers";
import { createUserClient, type ApiClient } from "../helpers/api-client";
import { allowEgress } from "../helpers/egress";
import { documentOperations } from "../helpers/openapi-operations";
import { startedRegistry } from "../helpers/registry";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

const stamp = Date.now().toString(36);
let server: WharfServer;
let admin: ApiClient;
let ownerA: ApiClient;
let ownerB: ApiClient;
let a: Objects;
let b: Objects;
let operations: string[] = [];
const tenants: string[] = [];

function registry() {
  const r = startedRegistry();
  return { url: `http://${r.addr}`, username: r.user, password: r.password };
}

const ok = (r: { status: number; body: unknown }, what: string) => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; app: { id: string }; build: { tags: string[]; imageId: string } };
};

/** A tenant with an owner and every kind of object the routes name. */
async function tenantWithObjects(name: string, hostId: string): Promise<{ owner: ApiClient; o: Objects }> {
  const t = await setupTenant(admin, hostId, `${name} ${stamp}`);
  tenants.push(t.tenantId);
  const { client: owner } = await createUserClient(admin, `owner-${name.toLowerCase()}-${stamp}@wharf.test`, {
    memberships: [{ tenantId: t.tenantId, role: "owner" }],
  });
  const gone = ok(await owner.post("/projects", { tenantId: t.tenantId, name: "Gone" }), "project");
  const app = ok(
    await owner.post(`/projects/${t.projectId}/apps`, { name: "api", hostId, mode: "standalone" }),
    "app",
  );
  const source = {
    type: "compose",
    compose: 'services:\n  app:\n    image: wharf-busybox:latest\n    command: ["sleep", "3600"]\n',
  };
  ok(await owner.post(`/apps/${app.app.id}/deploy`, { source }), "deploy");
  const appGone = ok(
    await owner.post(`/projects/${t.projectId}/apps`, { name: "gone", hostId, mode: "standalone" }),
    "app",
  );
  const built = ok(
    await owner.post("/builds", {
      projectId: t.projectId,
      hostId,
      sourceType: "inline",
      inline: { dockerfile: `FROM wharf-busybox:latest\nRUN echo ${name} > /who\n` },
      tags: ["base:1"],
    }),
    "build",
  );
  const done = (await finish(owner, built.id)) as { build: { tags: string[]; imageId: string } };
  const running = ok(
    await owner.post("/builds", {
      projectId: t.projectId,
      hostId,
      sourceType: "inline",
      inline: { dockerfile: "FROM wharf-busybox:latest\nRUN sleep 300\n" },
    }),
    "slow build",
  );
  const reg = registry();
  const r = ok(await owner.post("/registries", { tenantId: t.tenantId, name: "main", ...reg }), "registry");
  const token = ok(await owner.post("/tokens", { name: "t" }), "token");
  const channel = ok(
    await owner.post("/alert-channels", {
      tenantId: t.tenantId,
      name: "hook",
      config: { kind: "webhook", url: `http://${startedRegistry().addr}/hook`, secret: "0123456789abcdef" },
    }),
    "alert channel",
  );
  const rule = ok(
    await owner.post("/alert-rules", {
      tenantId: t.tenantId,
      name: "restarts",
      kind: "restarts",
      channelIds: [channel.id],
    }),
    "alert rule",
  );
  const [c] = await engine.listContainers({ filters: { label: [`wharf.app=${app.app.id}`] } });
  const spare = await createUserClient(admin, `spare-${name.toLowerCase()}-${stamp}@wharf.test`);
  return {
    owner,
    o: {
      tenantId: t.tenantId,
      projectId: t.projectId,
      projectGone: gone.id,
      appId: app.app.id,
      appGone: appGone.app.id,
      buildId: built.id,
      buildRunning: running.id,
      registryId: r.id,
      alertRuleId: rule.id,
      alertChannelId: channel.id,
      containerId: c.Id,
      tokenId: token.id,
      spareUserId: spare.user.id,
      image: done.build.tags[0],
      imageId: done.build.imageId,
      hostId,
      registry: reg,
    },
  };
}

async function send(client: ApiClient, method: string, p: string, body: unknown, stream: boolean) {
  if (!stream) return client.request(method.toUpperCase(), p, body);
  const ctl = new AbortController();
  const res = await fetch(`${client.baseUrl}/api/v1${p}`, {
    method: method.toUpperCase(),
    headers: { cookie: client.cookie, origin: client.baseUrl },
    signal: ctl.signal,
  });
  ctl.abort();
  return { status: res.status, body: null };
}

beforeAll(async () => {
  server = await startWharfServer();
  admin = await adminClient(server);
  const hostId = await localHostId(admin);
  await allowEgress(admin, startedRegistry().addr, "the test registry");
  ({ owner: ownerA, o: a } = await tenantWithObjects("A", hostId));
  ({ owner: ownerB, o: b } = await tenantWithObjects("B", hostId));
  const doc = (await admin.get("/openapi.json")).body;
  operations = documentOperations(doc).map(({ method, path }) => `${method} ${path}`);
}, 300_000);

afterAll(async () => {
  await removeTenantObjects(tenants);
  for (const o of [a, b])
    if (o)
      await engine
        .getImage(o.image)
        .remove({ noprune: true })
        .catch(() => undefined);
  await server?.stop();
});

describe("cross-tenant property over the OpenAPI document", () => {
  it("every operation is classified", () => {
    expect(operations.length).toBeGreaterThan(60);
    const known = new Set([
      ...Object.keys(crossTenantCases),
      ...Object.keys(notTenantScoped),
      ...Object.keys(staffOnly),
    ]);
    expect(operations.filter((op) => !known.has(op))).toEqual([]);
    expect(Object.keys(imageCases).filter((op) => !operations.includes(op))).toEqual([]);
  });

  it("A's owner naming B's objects gets 404 or 403; B's owner gets 2xx for the same request", async () => {
    const results: string[] = [];
    const ordered = Object.entries(crossTenantCases).sort(
      ([, x], [, y]) => Number(!!x.last) - Number(!!y.last),
    );
    const engineBefore = await engine.listContainers({
      all: true,
      filters: { label: [`wharf.tenant=${a.tenantId}`] },
    });
    for (const [op, c] of ordered as [string, Case][]) {
      const [method] = op.split(" ");
      // Deploys, scales and restarts above replace B's container: name the one B has now.
      const [current] = await engine.listContainers({
        all: true,
        filters: { label: [`wharf.app=${b.appId}`] },
      });
      if (current) b.containerId = current.Id;
      const p = c.path(b);
      const body = c.body?.(b);
      const byA = await send(ownerA, method, p, body, !!c.stream);
      if (![403, 404].includes(byA.status))
        results.push(`${op} by A: ${byA.status} ${JSON.stringify(byA.body)}`);
      const byB = await send(ownerB, method, p, body, !!c.stream);
      const want = c.ownerExpect?.status;
      if (want ? byB.status !== want : byB.status < 200 || byB.status >= 300)
        results.push(`${op} by B: ${byB.status} ${JSON.stringify(byB.body)}`);
    }
    expect(results).toEqual([]);
    const engineAfter = await engine.listContainers({
      all: true,
      filters: { label: [`wharf.tenant=${a.tenantId}`] },
    });
    expect(engineAfter.map((x) => x.Id).sort()).toEqual(engineBefore.map((x) => x.Id).sort());
  }, 600_000);

  it("A naming B's image (by name and by id) in its own objects gets 403/404; B doing so in its own gets 2xx", async () => {
    const results: string[] = [];
    for (const [op, make] of Object.entries(imageCases)) {
      const [method] = op.split(" ");
      for (const image of [b.image, b.imageId]) {
        const byA = make(a, image);
        const resA = await ownerA.request(method.toUpperCase(), byA.path, byA.body);
        if (![403, 404].includes(resA.status)) results.push(`${op} ${image} by A: ${resA.status}`);
        else if (!JSON.stringify(resA.body).includes(image))
          results.push(`${op} by A: the refusal does not name ${image}`);
        const byB = make(b, image);
        const resB = await ownerB.request(method.toUpperCase(), byB.path, byB.body);
        if (resB.status < 200 || resB.status >= 300)
          results.push(`${op} ${image} by B: ${resB.status} ${JSON.stringify(resB.body)}`);
      }
    }
    expect(results).toEqual([]);
  }, 600_000);

  it("admin/ops-only operations refuse A's owner whatever they name; a `tenant` filter shows nothing of B's", async () => {
    const results: string[] = [];
    for (const [op, make] of Object.entries(staffOnly)) {
      const [method] = op.split(" ");
      const { path: p, body, base } = make(b);
      const res = await ownerA.request(method.toUpperCase(), p, body, {}, base);
      if (res.status !== 403) results.push(`${op}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(results).toEqual([]);
    const list = await ownerA.get(`/containers?tenant=${b.tenantId}`);
    expect(JSON.stringify(list.body)).not.toContain(b.containerId);
    // Hosts are shared by grant: A sees the host both are granted, but not that B is among its tenants.
    for (const p of ["/hosts", `/hosts/${b.hostId}`]) {
      const res = await ownerA.get(p);
      expect(res.status, p).toBe(200);
      expect(JSON.stringify(res.body), p).not.toContain(b.tenantId);
    }
  }, 120_000);
});
