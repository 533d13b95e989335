// Issue 24 item 4: the timeline outlives the engine's 256-event buffer, holds Wharf's own events (deploy, scale)
// with the tenant from Wharf's rows, and a tenant's members see none of another tenant's events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "./engine";
import { deploySleeper, engine, startAdminWorld, type AdminWorld, type TenantSetup } from "../deploy/helpers";
import type { ApiClient } from "../helpers/api-client";

const uniq = Date.now().toString(36);
/** Kill/start cycles: each is at least three engine events (kill, die, start), so 100 overflow the engine's 256. */
const CYCLES = 100;
let world: AdminWorld | undefined;
let admin: ApiClient;
let a: TenantSetup;
let b: TenantSetup;
let appId = "";
let container = "";

type Ev = {
  id: string;
  at: string;
  type: string;
  tenantId: string | null;
  appId: string | null;
  containerId: string;
  detail: string | null;
  cursor: string;
};
const page = async (who: ApiClient, q: string) => {
  const res = await who.get(`/events?${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Ev[];
};
/** Every page of a query, following the cursor. */
async function all(who: ApiClient, q: string) {
  const items: Ev[] = [];
  for (let cursor = ""; ; ) {
    const got = await page(who, `${q}&limit=40${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    items.push(...got);
    if (got.length < 40) return items;
    cursor = got[got.length - 1].cursor;
  }
}

/** The engine's own record of the container's deaths since `since` (what its 256-event buffer still holds). */
async function engineDies(since: number): Promise<number> {
  const stream = await engine.getEvents({
    since,
    until: Math.ceil(Date.now() / 1000),
    filters: { container: [container], event: ["die"] },
  });
  let text = "";
  for await (const chunk of stream as AsyncIterable<Buffer>) text += chunk.toString();
  return text.split("\n").filter(Boolean).length;
}

beforeAll(async () => {
  world = await startAdminWorld();
  admin = world.admin;
  a = await world.tenant(`TlA ${uniq}`);
  b = await world.tenant(`TlB ${uniq}`);
  const app = await deploySleeper(a, world.hostId, "clock");
  appId = app.appId;
  container = app.container.Id;
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

describe("the timeline", () => {
  it("keeps Wharf's deploy and scale under the app's tenant", async () => {
    const scaled = await a.dev.post(`/apps/${appId}/scale`, { service: "app", replicas: 2 });
    expect(scaled.status, JSON.stringify(scaled.body)).toBe(200);
    const own = await page(a.dev, `appId=${appId}&types=deploy,scale`);
    expect(own.map((e) => e.type).sort()).toEqual(["deploy", "scale"]);
    expect(own.every((e) => e.tenantId === a.tenantId && e.appId === appId)).toBe(true);
    expect(own.find((e) => e.type === "deploy")?.detail).toMatch(/^revision 1: /);
    expect(own.find((e) => e.type === "scale")?.detail).toMatch(/^revision 2: scale app/);
    // Tenant B: nothing of A's, by app or by type; A's tenant asked for by id is a 404 like a missing one.
    expect(await page(b.dev, `appId=${appId}`)).toEqual([]);
    expect((await page(b.dev, "types=deploy,scale")).filter((e) => e.appId === appId)).toEqual([]);
    expect((await b.dev.get(`/events?tenantId=${a.tenantId}`)).status).toBe(404);
  });

  it("lists a container's oldest failure after more events than the engine keeps", async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const c = engine.getContainer(container);
    let killed = 0;
    for (let i = 0; i < CYCLES; i++) {
      const before = (await c.inspect()).State.StartedAt;
      // 409 when not running (the restart policy's back-off): not counted.
      if (
        await c.kill().then(
          () => true,
          () => false,
        )
      )
        killed++;
      // Down, or already started again by the restart policy.
      await until(
        "the container killed",
        async () => {
          const s = (await c.inspect()).State;
          return !s.Running || s.StartedAt !== before;
        },
        10_000,
      );
      await c.start().catch(() => undefined); // 304 when the restart policy started it first
    }
    expect(killed).toBeGreaterThan(CYCLES / 2);
    const q = `containerId=${container}&types=exit`;
    const stored = await until(
      "every kill stored",
      async () => {
        const items = await all(admin, q);
        return items.length >= killed && items;
      },
      60_000,
    );
    // The engine has forgotten the first deaths; Wharf still lists them, oldest last, all under tenant A.
    const remembered = await engineDies(since);
    expect(remembered).toBeLessThan(stored.length);
    const oldest = stored[stored.length - 1];
    expect(new Date(oldest.at).getTime()).toBeGreaterThanOrEqual(since * 1000);
    expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length); // the cursor neither repeats nor skips
    expect(stored.every((e) => e.tenantId === a.tenantId && e.appId === appId)).toBe(true);
    expect((await all(a.dev, q)).length).toBe(stored.length);
    // The time jump: up to just after the oldest, only the oldest.
    const to = encodeURIComponent(new Date(new Date(oldest.at).getTime()).toISOString());
    expect((await page(admin, `${q}&to=${to}`)).map((e) => e.id)).toEqual([oldest.id]);

    expect(await page(b.dev, q)).toEqual([]);
    expect((await page(b.dev, "types=exit&limit=500")).filter((e) => e.tenantId === a.tenantId)).toEqual([]);
  }, 300_000);

  it("names a bad cursor", async () => {
    const bad = await admin.get("/events?cursor=nope");
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("cursor");
  });
});
