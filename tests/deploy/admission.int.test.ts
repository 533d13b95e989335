// Every admission case from lib/policy/admission-cases.ts, end to end through the API as a
// non-admin developer: refused cases get 403 naming exactly the refused fields, and nothing with
// the tenant's label reaches the engine; allowed cases are accepted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { objectsWithLabel, startTenantWorld, type TenantSetup, type TenantWorld } from "./helpers";
import { admissionCases, directSpecCases } from "../../lib/policy/admission-cases";
import type { ApiClient, ApiResponse } from "../helpers/api-client";

let world: TenantWorld | undefined;
let admin: ApiClient;
let hostId: string;
let t: TenantSetup;

beforeAll(async () => {
  world = await startTenantWorld("Policy");
  ({ admin, hostId, t } = world);
});
afterAll(() => world?.stop());

async function expectNothingOnEngine() {
  const o = await objectsWithLabel(`wharf.tenant=${t.tenantId}`);
  expect([o.containers.length, o.networks.length, o.volumes.length, o.services.length]).toEqual([0, 0, 0, 0]);
}

const refusedCases = admissionCases.filter((c) => c.refused.length > 0);
const allowedCases = admissionCases.filter((c) => c.refused.length === 0);

describe("admission policy through the API (non-admin)", () => {
  it("has every case of the table", () =>
    expect(refusedCases.length + allowedCases.length).toBeGreaterThanOrEqual(50));

  /** Creating app `name` from `source` is refused (403) naming exactly `refused`, and nothing reaches the engine. */
  async function expectRefusedCreate(name: string, source: object, refused: readonly string[]) {
    const res = await t.dev.post(`/projects/${t.projectId}/apps`, { name, hostId, source });
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(Object.keys(res.body.error.fields).sort()).toEqual([...refused].sort());
    await expectNothingOnEngine();
    return res;
  }

  it.each(refusedCases.map((c, i) => ({ ...c, i })))(
    "on create: a developer $name → 403",
    async ({ compose, refused, i }) => {
      const res = await expectRefusedCreate(`case-${i}`, { type: "compose", compose }, refused);
      expect(res.body.error.message).toContain(refused[0]);
    },
  );

  it.each(directSpecCases.map((c, i) => ({ ...c, i })))(
    "on create with a JSON spec: a developer $name → 403",
    async ({ spec, refused, i }) => {
      await expectRefusedCreate(`direct-${i}`, { type: "spec", spec }, refused);
    },
  );

  it("created no app for any refused case", async () => {
    expect((await t.dev.get(`/projects/${t.projectId}/apps`)).body.items).toEqual([]);
  });

  it.each(allowedCases.map((c, i) => ({ ...c, i })))(
    "a developer $name → accepted (201, nothing deployed yet)",
    async ({ compose, i }) => {
      const res = await t.dev.post(`/projects/${t.projectId}/apps`, {
        name: `ok-${i}`,
        hostId,
        source: { type: "compose", compose },
      });
      if (res.status === 422) {
        // Allowed by the policy, but an overlay network needs a Swarm target: the target check says so by field.
        expect(res.body.error.fields).toEqual({ "networks.mesh.driver": expect.stringContaining("Swarm") });
        return;
      }
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect((await t.dev.delete(`/apps/${res.body.app.id}`)).status).toBe(200);
    },
  );
});

describe("every other path is checked too", () => {
  // pid: host rather than privileged: this machine's engine runs inside a container that cannot grant every capability.
  const hostPid = admissionCases.find(
    (c) => c.refused.length === 1 && c.refused[0] === "services.web.pid" && c.compose.includes("pid: host"),
  )!;
  const socket = admissionCases.find((c) => c.name.includes("mount the Docker socket"))!;
  const okSpec = { type: "image", image: { image: "wharf-busybox:latest", command: ["sleep", "3600"] } };
  let appId = "";

  beforeAll(async () => {
    const res = await t.dev.post(`/projects/${t.projectId}/apps`, { name: "paths", hostId, source: okSpec });
    appId = res.body.app.id;
  });

  it.each([
    ["plan", (c: string) => t.dev.post(`/apps/${appId}/plan`, { source: { type: "compose", compose: c } })],
    [
      "deploy",
      (c: string) => t.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose: c } }),
    ],
    [
      "deploy (streamed)",
      (c: string) =>
        t.dev.post(
          `/apps/${appId}/deploy`,
          { source: { type: "compose", compose: c } },
          { accept: "application/x-ndjson" },
        ),
    ],
  ])("%s refuses every refused case", async (_path, call) => {
    for (const c of refusedCases) {
      const res = await call(c.compose);
      const streamed = res.headers.get("content-type")?.includes("ndjson");
      if (streamed) {
        const last = typeof res.body === "string" ? JSON.parse(res.body.trim().split("\n").pop()!) : res.body;
        expect(last).toMatchObject({ type: "error", status: 403 });
        expect(Object.keys(last.error.fields).sort()).toEqual([...c.refused].sort());
      } else {
        expect(res.status, c.name).toBe(403);
        expect(Object.keys(res.body.error.fields).sort()).toEqual([...c.refused].sort());
      }
    }
    await expectNothingOnEngine();
  });

  it("a service update cannot add what the policy refuses, in any spelling", async () => {
    expect((await t.dev.post(`/apps/${appId}/deploy`, { source: okSpec })).status).toBe(200);
    const before = (await objectsWithLabel(`wharf.app=${appId}`)).containers.map((c) => c.Id);
    for (const patch of [
      { privileged: true },
      { volumes: ["/var/run/docker.sock:/s"] },
      { volumes: [{ Type: "BIND", Source: "/", Target: "/h" }] },
      { networkMode: "host" },
      { capAdd: ["SYS_ADMIN"] },
    ]) {
      const res = await t.dev.patch(`/apps/${appId}/services/app`, patch);
      expect(res.status, JSON.stringify(patch)).toBe(403);
      expect(Object.keys(res.body.error.fields)[0]).toMatch(/^services\.app\./);
    }
    expect((await objectsWithLabel(`wharf.app=${appId}`)).containers.map((c) => c.Id)).toEqual(before);
  });

  it("an admin's host-PID app cannot be scaled, rolled back or started by a developer", async () => {
    const a = await admin.post(`/projects/${t.projectId}/apps`, {
      name: "admin-made",
      hostId,
      source: { type: "compose", compose: hostPid.compose },
    });
    expect(a.status).toBe(201);
    // The admin may deploy it (policy exempt); busybox needs a command to stay up.
    const compose = hostPid.compose.replace("pid: host", 'pid: host\n    command: ["sleep", "3600"]');
    const deployed = await admin.post(`/apps/${a.body.app.id}/deploy`, {
      source: { type: "compose", compose },
    });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);
    const id = a.body.app.id;
    const calls: [string, () => Promise<ApiResponse>][] = [
      ["services.web.pid", () => t.dev.post(`/apps/${id}/scale`, { service: "web", replicas: 2 })],
      ["services.web.pid", () => t.dev.post(`/apps/${id}/rollback`, { revision: 1 })],
      ["services.web.pid", () => t.dev.post(`/apps/${id}/deploy`, {})],
      ["services.web.pid", () => t.dev.post(`/apps/${id}/start`)],
      [
        "services.web.volumes[0]",
        () => t.dev.post(`/apps/${id}/deploy`, { source: { type: "compose", compose: socket.compose } }),
      ],
    ];
    for (const [field, call] of calls) {
      const res = await call();
      expect(res.status).toBe(403);
      expect(res.body.error.fields).toHaveProperty([field]);
    }
    expect((await objectsWithLabel(`wharf.app=${a.body.app.id}`)).containers).toHaveLength(1);
    expect((await admin.delete(`/apps/${a.body.app.id}`)).status).toBe(200);
    expect((await t.dev.delete(`/apps/${appId}`)).status).toBe(200);
    await expectNothingOnEngine();
  });
});
