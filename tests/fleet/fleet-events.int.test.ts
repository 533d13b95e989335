// Issue 19 item 2 / issue 24 item 4: the state changes the followers see are stored (FleetEvent), with the tenant
// taken from Wharf's own App rows, and read back per tenant. A label a user could write decides nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "./engine";
import { deploySleeper, engine, startAdminWorld, type AdminWorld, type TenantSetup } from "../deploy/helpers";
import type { ApiClient } from "../helpers/api-client";

const uniq = Date.now().toString(36);
let world: AdminWorld | undefined;
let admin: ApiClient;
let a: TenantSetup;
let b: TenantSetup;
let appId = "";
let appContainer = "";
const loose: string[] = [];

type Ev = {
  containerId: string;
  type: string;
  exitCode: number | null;
  tenantId: string | null;
  appId: string | null;
};
const events = async (who: ApiClient, q = "types=exit") => {
  const res = await who.get(`/events?${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Ev[];
};
const ofContainer = (items: Ev[], id: string) => items.filter((e) => e.containerId === id);

/** A container outside Wharf that exits with `code`, optionally wearing (unproved) Wharf labels. */
async function exitingContainer(name: string, code: number, labels: Record<string, string> = {}) {
  const c = await engine.createContainer({
    name: `${name}-${uniq}`,
    Image: "wharf-busybox:latest",
    Cmd: ["sh", "-c", `exit ${code}`],
    Labels: labels,
  });
  loose.push(c.id);
  await c.start();
  return c.id;
}

beforeAll(async () => {
  world = await startAdminWorld();
  admin = world.admin;
  a = await world.tenant(`EvA ${uniq}`);
  b = await world.tenant(`EvB ${uniq}`);
  const app = await deploySleeper(a, world.hostId, "shop");
  appId = app.appId;
  appContainer = app.container.Id;
}, 180_000);

afterAll(async () => {
  for (const id of loose)
    await engine
      .getContainer(id)
      .remove({ force: true })
      .catch(() => undefined);
  await world?.stop();
});

describe("stored fleet events", () => {
  it("keeps a killed app container's exit 137 under its tenant, and a spoofed one under none", async () => {
    await engine.getContainer(appContainer).kill();
    const plain = await exitingContainer("ev-plain", 3);
    // Wharf labels written by a user (no owner proof): they must not put the failure in tenant A's list.
    const spoofed = await exitingContainer("ev-spoof", 4, {
      "wharf.tenant": a.tenantId,
      "wharf.app": appId,
      "wharf.project": a.projectId,
    });
    const all = await until(
      "the three failures stored",
      async () => {
        const items = await events(admin);
        return [appContainer, plain, spoofed].every((id) => ofContainer(items, id).length) && items;
      },
      30_000,
    );
    expect(ofContainer(all, appContainer)[0]).toMatchObject({ exitCode: 137, tenantId: a.tenantId, appId });
    expect(ofContainer(all, plain)[0]).toMatchObject({ exitCode: 3, tenantId: null, appId: null });
    expect(ofContainer(all, spoofed)[0]).toMatchObject({ exitCode: 4, tenantId: null, appId: null });

    const ofA = await events(a.dev);
    expect(ofContainer(ofA, appContainer)).toHaveLength(1);
    expect(ofA.every((e) => e.tenantId === a.tenantId)).toBe(true);
    expect(ofContainer(ofA, spoofed)).toEqual([]);
    expect(ofContainer(await events(a.dev, `appId=${appId}`), appContainer)).toHaveLength(1);

    // Tenant B sees none of A's, asking by app or by container; asking for A's tenant is a 404 like a missing one.
    expect(ofContainer(await events(b.dev), appContainer)).toEqual([]);
    expect(await events(b.dev, `appId=${appId}`)).toEqual([]);
    expect(await events(b.dev, `containerId=${appContainer}`)).toEqual([]);
    expect((await b.dev.get(`/events?tenantId=${a.tenantId}`)).status).toBe(404);
  });

  it("filters by type and window, and names a bad parameter", async () => {
    expect(ofContainer(await events(admin, "types=oom,unhealthy"), appContainer)).toEqual([]);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(await events(admin, `from=${encodeURIComponent(future)}`)).toEqual([]);
    const bad = await admin.get("/events?types=exit,bogus");
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("types");
  });
});
