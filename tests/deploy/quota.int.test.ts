// Issue 12, item 2: quotas cannot be bypassed — by concurrent deploys, by starting a stopped app, or by starting
// its containers directly. Everything goes through the API as a developer (the least-privileged user who deploys);
// the engine is read before and after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine, startAdminWorld, type AdminWorld, type TenantSetup } from "./helpers";
import { ApiClient } from "../helpers/api-client";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

let world: AdminWorld;
let server: WharfServer;
let admin: ApiClient;
let hostId: string;

const QUOTA = 2;
const source = (replicas = 1) => ({
  type: "image",
  image: { image: "wharf-busybox:latest", command: ["sleep", "3600"], replicas },
});

/** The tenant's containers on the engine, by the label Wharf stamps (the test reads the engine directly). */
const running = async (tenantId: string) =>
  (await engine.listContainers({ filters: { label: [`wharf.tenant=${tenantId}`] } })).length;
const all = async (tenantId: string) =>
  (await engine.listContainers({ all: true, filters: { label: [`wharf.tenant=${tenantId}`] } })).length;

async function createApp(t: TenantSetup, name: string): Promise<string> {
  const res = await t.dev.post(`/projects/${t.projectId}/apps`, { name, hostId });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.app.id;
}

beforeAll(async () => {
  world = await startAdminWorld();
  ({ server, admin, hostId } = world);
});

afterAll(async () => {
  await world?.stop();
});

const quotaTenant = (label: string): Promise<TenantSetup> =>
  world.tenant(`${label} ${Date.now().toString(36)}`, { maxContainers: QUOTA });

describe("quota reservations", () => {
  // Five rounds of ten racing deploys (fifty reservations, eight refused per round); slow under load (another file
  // runs beside this one), hence the long timeout: what is checked is the count, never the time.
  it(
    "ten concurrent deploys with a quota of 2 run 2 containers — five times over",
    { timeout: 300_000 },
    async () => {
      const t = await quotaTenant("Race");
      for (let round = 1; round <= 5; round++) {
        expect(await all(t.tenantId), `round ${round}: engine clean before`).toBe(0);
        const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => createApp(t, `r${round}-a${i}`)));
        const results = await Promise.all(
          ids.map((id) => t.dev.post(`/apps/${id}/deploy`, { source: source() })),
        );
        const ok = results.filter((r) => r.status === 200);
        const refused = results.filter((r) => r.status === 409);
        expect(
          refused.every((r) => r.body.error.code === "quota_exceeded"),
          JSON.stringify(refused[0]?.body),
        ).toBe(true);
        expect(ok.length + refused.length, JSON.stringify(results.map((r) => r.body))).toBe(10);
        expect(ok.length, `round ${round}`).toBe(QUOTA);
        expect(await running(t.tenantId), `round ${round}: engine after`).toBe(QUOTA);
        expect(await all(t.tenantId)).toBe(QUOTA);
        for (const id of ids) expect((await t.dev.delete(`/apps/${id}`)).status).toBe(200);
      }
      expect(await all(t.tenantId)).toBe(0);
    },
  );

  it("holds across two server processes sharing one database", async () => {
    // A second production server on the same SQLite file: no lock in memory can serialize the two.
    const second = await startWharfServer({ dataDir: server.dataDir, env: { WHARF_MIGRATE: "0" } });
    try {
      const t = await quotaTenant("Procs");
      const there = new ApiClient(second.baseUrl);
      there.cookie = t.dev.cookie;
      for (let round = 1; round <= 3; round++) {
        expect(await all(t.tenantId), `round ${round}: engine clean before`).toBe(0);
        const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => createApp(t, `p${round}-a${i}`)));
        const results = await Promise.all(
          ids.map((id, i) => (i % 2 ? there : t.dev).post(`/apps/${id}/deploy`, { source: source() })),
        );
        expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toEqual([
          ...Array(QUOTA).fill(200),
          ...Array(10 - QUOTA).fill(409),
        ]);
        expect(await running(t.tenantId), `round ${round}: engine after`).toBe(QUOTA);
        for (const id of ids) expect((await t.dev.delete(`/apps/${id}`)).status).toBe(200);
      }
    } finally {
      await second.stop();
    }
  });

  it("a stopped app keeps its share: another app cannot take it, and it starts again within quota", async () => {
    const t = await quotaTenant("Stop");
    const one = await createApp(t, "one");
    expect((await t.dev.post(`/apps/${one}/deploy`, { source: source(2) })).status).toBe(200);
    expect(await running(t.tenantId)).toBe(2);

    expect((await t.dev.post(`/apps/${one}/stop`)).status).toBe(200);
    expect(await running(t.tenantId)).toBe(0);
    const two = await createApp(t, "two");
    const refused = await t.dev.post(`/apps/${two}/deploy`, { source: source() });
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields["quota.containers"]).toBe(
      "containers: 3 needed, quota 2 (other apps hold 2, this app 1)",
    );
    expect(await all(t.tenantId)).toBe(2); // nothing of app two was created

    expect((await t.dev.post(`/apps/${one}/start`)).status).toBe(200);
    expect(await running(t.tenantId)).toBe(2);

    // App start checks the quota: lowered below what the app holds, a stopped app no longer starts.
    expect((await t.dev.post(`/apps/${one}/stop`)).status).toBe(200);
    expect((await admin.patch(`/tenants/${t.tenantId}`, { maxContainers: 1 })).status).toBe(200);
    const start = await t.dev.post(`/apps/${one}/start`);
    expect(start.status).toBe(409);
    expect(start.body.error.code).toBe("quota_exceeded");
    expect(await running(t.tenantId)).toBe(0);
    expect((await admin.patch(`/tenants/${t.tenantId}`, { maxContainers: QUOTA })).status).toBe(200);
  });

  it("starting a stopped app's containers directly stays within what the app holds", async () => {
    const t = await quotaTenant("Direct");
    const one = await createApp(t, "one");
    expect((await t.dev.post(`/apps/${one}/deploy`, { source: source(2) })).status).toBe(200);
    expect((await t.dev.post(`/apps/${one}/stop`)).status).toBe(200);
    const two = await createApp(t, "two");
    expect((await t.dev.post(`/apps/${two}/deploy`, { source: source() })).status).toBe(409);

    const ids = (await engine.listContainers({ all: true, filters: { label: [`wharf.app=${one}`] } })).map(
      (c) => c.Id,
    );
    expect(ids).toHaveLength(2);
    for (const id of ids) expect((await t.dev.post(`/containers/${id}/start`)).status).toBe(200);
    expect(await running(t.tenantId)).toBe(2);
    // Scaled down to one replica, the app holds one: the other tenant app now fits, and nothing goes past 2.
    expect((await t.dev.post(`/apps/${one}/scale`, { service: "app", replicas: 1 })).status).toBe(200);
    expect((await t.dev.post(`/apps/${two}/deploy`, { source: source() })).status).toBe(200);
    expect(await running(t.tenantId)).toBe(2);
    expect(await all(t.tenantId)).toBe(2);
  });
});
