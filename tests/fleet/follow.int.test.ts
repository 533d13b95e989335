import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, memberClient } from "@/tests/helpers/api-client";
import { provedLabels } from "@/tests/helpers/owner-labels";
import { startWharfServer, type WharfServer } from "@/tests/helpers/wharf-server";
import { removeByPrefix } from "@/tests/ops/helpers";
import { copyImage, privateEngine, runContainer, until, type PrivateEngine } from "./engine";

// The fleet follows the local engine and a second, private engine (own socket, data-root and netns) that this
// suite kills and restarts; container state must follow the engines, with no duplicates and no ghosts.
const uniq = `fl${Date.now().toString(36)}`;
const local = new Docker({ socketPath: "/var/run/docker.sock" });
let server: WharfServer;
let admin: ApiClient;
let member: ApiClient;
let engine: PrivateEngine;
let h2Id: string;
let localId: string;
let tenantId: string;

type Row = { id: string; name: string; state: string; hostId: string };
const list = async (client: ApiClient, query: string) => {
  const res = await client.get(`/containers?limit=1000&${query}`);
  expect(res.status).toBe(200);
  return res.body as { items: Row[]; total: number; hosts: Record<string, { status: { state: string } }> };
};
const stateOf = async (query: string, name: string) =>
  (await list(admin, query)).items.find((r) => r.name === name)?.state;

/** Container `${uniq}-${suffix}` on the second engine, wearing the tenant's labels with a valid owner proof. */
const runOwnedOnH2 = (suffix: string, start = true) =>
  runContainer(
    engine.docker,
    `${uniq}-${suffix}`,
    provedLabels(server, `${uniq}-${suffix}`, { tenant: tenantId }),
    start,
  );

beforeAll(async () => {
  engine = privateEngine(`wharf-fleet-${uniq}`);
  await engine.start();
  await copyImage("busybox:latest", engine.docker);
  server = await startWharfServer();
  admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  localId = (await admin.get("/hosts")).body.items.find((h: { name: string }) => h.name === "local").id;
  const add = await admin.post("/hosts", { name: `h2-${uniq}`, url: engine.url, labels: { role: "test" } });
  expect(add.status, JSON.stringify(add.body)).toBe(201);
  h2Id = add.body.id;
  expect(add.body.engine.version).toMatch(/\d+\.\d+/);
  const tenant = await admin.post("/tenants", { name: `Fleet ${uniq}`, slug: uniq });
  tenantId = tenant.body.id;
  expect((await admin.put(`/hosts/${h2Id}/grants`, { tenantIds: [tenantId] })).status).toBe(200);
  member = await memberClient(admin, `${uniq}@wharf.test`, tenantId, "viewer");
}, 180_000);

afterAll(async () => {
  await removeByPrefix(uniq);
  await server?.stop();
  await engine?.destroy();
});

describe("fleet follows the engines", () => {
  it("sees containers started, stopped and removed on the local engine", async () => {
    const name = `${uniq}-local`;
    const c = await runContainer(local, name);
    await until(
      "local container running",
      async () => (await stateOf(`host=${localId}&q=${name}`, name)) === "running",
    );
    await c.stop({ t: 0 });
    await until(
      "local container exited",
      async () => (await stateOf(`host=${localId}&q=${name}`, name)) === "exited",
    );
    await c.remove();
    await until("local container gone", async () => (await list(admin, `q=${name}`)).total === 0);
  });

  it("follows the second engine: list and counters per viewer scope", async () => {
    await until("h2 up", async () => (await admin.get(`/hosts/${h2Id}`)).body.status.state === "up");
    const a = await runOwnedOnH2("a");
    await runOwnedOnH2("b", false);
    await until(
      "a running, b created",
      async () =>
        (await stateOf(`host=${h2Id}`, `${uniq}-a`)) === "running" &&
        (await stateOf(`host=${h2Id}`, `${uniq}-b`)) === "created",
    );
    await until("member counters 1/2", async () => {
      const c = (await member.get("/counters")).body;
      return (
        c.containers.running === 1 && c.containers.total === 2 && c.hosts.up === 1 && c.hosts.total === 1
      );
    });
    expect((await admin.get(`/hosts/${h2Id}`)).body.containers).toEqual({ running: 1, total: 2 });
    await a.stop({ t: 0 });
    await until(
      "member counters 0/2",
      async () => (await member.get("/counters")).body.containers.running === 0,
    );
  });

  it("marks a killed engine down within 10 s, keeps its containers as stale, and comes back exact", async () => {
    const before = (await list(admin, `host=${h2Id}`)).items;
    expect(before.length).toBe(2);
    const killedAt = Date.now();
    await engine.kill();
    await until(
      "h2 down",
      async () => (await admin.get(`/hosts/${h2Id}`)).body.status.state === "down",
      10_000 - (Date.now() - killedAt),
      50,
    );
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    const counters = (await member.get("/counters")).body;
    expect(counters.hosts).toMatchObject({ up: 0, down: 1, total: 1 });
    expect(counters.containers).toMatchObject({ running: 0, total: 0, staleTotal: 2 });
    expect(counters.staleSince).toBeTruthy();
    const stale = await list(admin, `host=${h2Id}`);
    expect(stale.items.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    expect(stale.hosts[h2Id].status.state).toBe("down");

    // Bring it back and change its state at once, racing the follower's reconnect (replay and re-list both apply).
    await engine.start();
    const gone = before.find((r) => r.name === `${uniq}-b`)!;
    await engine.docker.getContainer(gone.id).remove({ force: true });
    const fresh = await runOwnedOnH2("c");
    await until(
      "h2 up again",
      async () => (await admin.get(`/hosts/${h2Id}`)).body.status.state === "up",
      15_000,
    );
    // The cache must equal the engine's own list: same ids, same states, nothing twice, nothing extra.
    const engineView = async () =>
      (await engine.docker.listContainers({ all: true }))
        .map((c) => `${c.Id}:${c.State}`)
        .sort()
        .join(",");
    await until("cache equals the engine", async () => {
      const ours = (await list(admin, `host=${h2Id}`)).items
        .map((r) => `${r.id}:${r.state}`)
        .sort()
        .join(",");
      return ours === (await engineView());
    });
    const after = (await list(admin, `host=${h2Id}`)).items;
    expect(new Set(after.map((r) => r.id)).size).toBe(after.length);
    expect(after.some((r) => r.id === gone.id)).toBe(false);
    expect(after.find((r) => r.id === fresh.id)?.state).toBe("running");
    await until("member counters exact after restart", async () => {
      const c = (await member.get("/counters")).body.containers;
      const running = after.filter((r) => r.state === "running").length;
      return c.running === running && c.total === after.length && c.staleTotal === 0;
    });
  });

  it("re-lists after a graceful engine restart too (containers created while Wharf was disconnected)", async () => {
    const pid = engine.pid();
    process.kill(pid, "SIGTERM");
    await until(
      "h2 not up",
      async () => (await admin.get(`/hosts/${h2Id}`)).body.status.state !== "up",
      30_000,
    );
    await engine.start();
    const extra = await runOwnedOnH2("d");
    await until(
      "h2 has d",
      async () =>
        (await list(admin, `host=${h2Id}`)).items.some((r) => r.id === extra.id && r.state === "running"),
      20_000,
    );
    const engineIds = (await engine.docker.listContainers({ all: true })).map((c) => c.Id).sort();
    await until(
      "same ids as the engine",
      async () =>
        (await list(admin, `host=${h2Id}`)).items
          .map((r) => r.id)
          .sort()
          .join() === engineIds.join(),
    );
  });

  it("forgets a removed host without touching its containers", async () => {
    const count = (await engine.docker.listContainers({ all: true })).length;
    expect((await admin.delete(`/hosts/${h2Id}`)).status).toBe(204);
    expect((await admin.get(`/hosts/${h2Id}`)).status).toBe(404);
    expect((await list(admin, `host=${h2Id}`)).total).toBe(0);
    expect((await engine.docker.listContainers({ all: true })).length).toBe(count);
  });
});
