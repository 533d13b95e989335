// Admin-set host policy on every deploy path: published host ports inside the host's range and on its own
// addresses (0.0.0.0:22 refused by default), and volume drivers on the allow-list. Settings are admin-only and audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { objectsWithLabel, removeTenantObjects } from "../deploy/helpers";
import { ApiClient, createUserClient } from "../helpers/api-client";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

let server: WharfServer;
let admin: ApiClient;
let dev: ApiClient;
let hostId = "";
let tenantId = "";
let appId = "";

const compose = (ports: string, volumeDriver?: string) =>
  [
    "services:",
    "  web:",
    "    image: busybox:latest",
    '    command: ["sleep", "600"]',
    ...(ports ? [`    ports: ["${ports}"]`] : []),
    ...(volumeDriver
      ? ["    volumes: [data:/data]", "volumes:", "  data:", `    driver: ${volumeDriver}`]
      : []),
  ].join("\n") + "\n";

const plan = (text: string) =>
  dev.post(`/apps/${appId}/plan`, { source: { type: "compose", compose: text } });

beforeAll(async () => {
  server = await startWharfServer();
  admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
  hostId = (await admin.get("/hosts")).body.items.find((h: { name: string }) => h.name === "local").id;
  tenantId = (await admin.post("/tenants", { name: "Policy" })).body.id;
  await admin.put(`/hosts/${hostId}/grants`, { tenantIds: [tenantId] });
  dev = (
    await createUserClient(admin, "policy-dev@wharf.test", { memberships: [{ tenantId, role: "developer" }] })
  ).client;
  const project = (await dev.post("/projects", { tenantId, name: "Policy" })).body.id;
  appId = (await dev.post(`/projects/${project}/apps`, { name: "ports", hostId })).body.app.id;
}, 200_000);
afterAll(async () => {
  await removeTenantObjects([tenantId]);
  await server?.stop();
});

describe("published ports", () => {
  it("refuses 0.0.0.0:22 by default (1024–65535), naming the field", async () => {
    const res = await plan(compose("0.0.0.0:22:80"));
    expect(res.status).toBe(403);
    expect(res.body.error.fields["services.web.ports.0"]).toMatch(/outside this host's range 1024–65535/);
    expect((await plan(compose("0.0.0.0:18080:80"))).status).toBe(200);
    expect((await plan(compose("18080:80"))).status).toBe(200); // the address is optional
  });

  it("follows the range and the addresses an admin sets, on plan, create and deploy", async () => {
    expect(
      (await dev.put(`/hosts/${hostId}/publishing`, { minPort: 1, maxPort: 65535, addresses: [] })).status,
    ).toBe(403);
    const set = await admin.put(`/hosts/${hostId}/publishing`, {
      minPort: 30000,
      maxPort: 30100,
      addresses: ["10.9.8.7"],
    });
    expect(set.status).toBe(200);
    expect((await dev.get(`/hosts/${hostId}/publishing`)).body).toMatchObject({
      minPort: 30000,
      maxPort: 30100,
    });
    expect((await plan(compose("18080:80"))).status).toBe(403);
    expect((await plan(compose("30050:80"))).status).toBe(200);
    expect((await plan(compose("10.9.8.7:30050:80"))).status).toBe(200);
    const foreign = await plan(compose("192.0.2.1:30050:80"));
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toMatch(/not one of this host's addresses/);

    // Deploy refuses before anything reaches the engine.
    const deploy = await dev.post(`/apps/${appId}/deploy`, {
      source: { type: "compose", compose: compose("18080:80") },
    });
    expect(deploy.status).toBe(403);
    expect((await objectsWithLabel(`wharf.app=${appId}`)).containers).toHaveLength(0);
    const project = (await dev.get("/projects")).body.items[0].id;
    const created = await dev.post(`/projects/${project}/apps`, {
      name: "refused",
      hostId,
      source: { type: "compose", compose: compose("18080:80") },
    });
    expect(created.status).toBe(403);

    const bad = await admin.put(`/hosts/${hostId}/publishing`, {
      minPort: 5000,
      maxPort: 4000,
      addresses: ["nope"],
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(["maxPort", "addresses.0"]));
    const audit = (await admin.get("/audit?action=host.publishing.set")).body.items;
    expect(audit.some((e: { outcome: string }) => e.outcome === "success")).toBe(true);
    await admin.put(`/hosts/${hostId}/publishing`, { minPort: 1024, maxPort: 65535, addresses: [] });
  });
});

describe("volume drivers", () => {
  it("refuses a plugin driver until an admin allows it; local is always allowed", async () => {
    expect((await dev.get("/settings/volume-drivers")).body).toEqual({ drivers: [] });
    expect((await plan(compose("", "local"))).status).toBe(200);
    const refused = await plan(compose("", "rexray/ebs"));
    expect(refused.status).toBe(403);
    expect(refused.body.error.fields["volumes.data.driver"]).toMatch(/not on the allow-list/);
    const deploy = await dev.post(`/apps/${appId}/deploy`, {
      source: { type: "compose", compose: compose("", "rexray/ebs") },
    });
    expect(deploy.status).toBe(403);
    expect((await objectsWithLabel(`wharf.app=${appId}`)).volumes).toHaveLength(0);

    expect((await dev.put("/settings/volume-drivers", { drivers: ["rexray/ebs"] })).status).toBe(403);
    const set = await admin.put("/settings/volume-drivers", { drivers: ["rexray/ebs"] });
    expect(set.body).toEqual({ drivers: ["rexray/ebs"] });
    expect((await plan(compose("", "rexray/ebs"))).status).toBe(200);
    const audit = (await admin.get("/audit?action=settings.volume-drivers.set")).body.items;
    expect(audit[0]).toMatchObject({ outcome: "success" });
    expect((await admin.put("/settings/volume-drivers", { drivers: ["bad name!"] })).status).toBe(422);
  });
});
