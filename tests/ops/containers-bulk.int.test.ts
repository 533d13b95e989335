import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createEmptyApp,
  engine,
  startAdminWorld,
  type AdminWorld,
  type TenantSetup,
} from "@/tests/deploy/helpers";
import type { ApiClient } from "@/tests/helpers/api-client";

// Bulk container actions: every row authorized like the single action; another tenant's container is a 404 in its
// row and is not touched, while the caller's own rows go through.
const uniq = Date.now().toString(36);
// Exits on SIGTERM at once, so stop and restart take no 10 s grace period.
const compose = `services:
  web:
    image: wharf-busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    deploy: { replicas: 2 }
`;
let world: AdminWorld | undefined;
let admin: ApiClient;
let a: TenantSetup;
let b: TenantSetup;
const ids: Record<"a" | "b", string[]> = { a: [], b: [] };

async function deploy(t: TenantSetup, hostId: string, name: string) {
  const appId = await createEmptyApp(t.dev, t.projectId, name, hostId);
  const res = await t.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } });
  if (res.status !== 200) throw new Error(`deploy: ${res.status} ${JSON.stringify(res.body)}`);
  const labels = { filters: { label: [`wharf.app=${appId}`] } };
  return (await engine.listContainers(labels)).map((c) => c.Id).sort();
}
const startedAt = async (id: string) => (await engine.getContainer(id).inspect()).State.StartedAt;

beforeAll(async () => {
  world = await startAdminWorld();
  admin = world.admin;
  a = await world.tenant(`Bulk A ${uniq}`);
  b = await world.tenant(`Bulk B ${uniq}`);
  ids.a = await deploy(a, world.hostId, "bulk");
  ids.b = await deploy(b, world.hostId, "other");
}, 120_000);

afterAll(() => world?.stop());

describe("POST /containers/actions", () => {
  it("restarts the caller's rows and answers 404 for another tenant's, which is not touched", async () => {
    const before = Object.fromEntries(
      await Promise.all([...ids.a, ...ids.b].map(async (id) => [id, await startedAt(id)])),
    );
    const res = await b.dev.post("/containers/actions", { action: "restart", ids: [ids.a[0], ...ids.b] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.results.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([
      [ids.a[0], 404],
      [ids.b[0], 200],
      [ids.b[1], 200],
    ]);
    expect(JSON.stringify(res.body.results[0])).not.toContain(a.slug);
    for (const id of ids.b) expect(await startedAt(id)).not.toBe(before[id]);
    for (const id of ids.a) expect(await startedAt(id)).toBe(before[id]);
  });

  it("stops, starts and removes, row by row, and audits each row as the single action", async () => {
    const stop = await a.dev.post("/containers/actions", { action: "stop", ids: ids.a });
    expect(stop.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    for (const id of ids.a) expect((await engine.getContainer(id).inspect()).State.Running).toBe(false);
    const audit = JSON.stringify((await admin.get("/audit?action=container.stop")).body);
    for (const id of ids.a) expect(audit).toContain(id);
    const start = await a.dev.post("/containers/actions", { action: "start", ids: ids.a });
    expect(start.body.results.map((r: { status: number }) => r.status)).toEqual([200, 200]);
    for (const id of ids.a) expect((await engine.getContainer(id).inspect()).State.Running).toBe(true);
    const remove = await a.dev.post("/containers/actions", { action: "remove", ids: [ids.a[1]] });
    expect(remove.body.results[0]).toMatchObject({ id: ids.a[1], ok: true, status: 204 });
    expect((await engine.listContainers({ all: true })).map((c) => c.Id)).not.toContain(ids.a[1]);
  });

  it("refuses bad input by field and changes nothing", async () => {
    const before = await Promise.all(ids.b.map(startedAt));
    for (const body of [
      { action: "kill", ids: ids.b },
      { action: "stop", ids: [] },
      { action: "stop", ids: [ids.b[0], ids.b[0]] },
      { action: "stop" },
    ]) {
      const res = await b.dev.post("/containers/actions", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(res.body.error.fields ?? {}).length).toBeGreaterThan(0);
    }
    expect(await Promise.all(ids.b.map(startedAt))).toEqual(before);
  });
});
