// Issue 15, `external: true`: a developer may attach only networks and volumes its own tenant's apps created, or
// ones an admin shared with the tenant. Another tenant's, or an unshared one, is refused with nothing created, on
// create, plan, deploy and service update. Ownership comes from Wharf's records (apps, revisions, shares).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  engine,
  objectsWithLabel,
  startAdminWorld,
  type AdminWorld,
  type TenantSetup,
} from "../deploy/helpers";
import type { ApiClient } from "../helpers/api-client";

const stamp = Date.now().toString(36);
const sharedNet = `it-shared-net-${stamp}`;
const unsharedVol = `it-unshared-vol-${stamp}`;
let world: AdminWorld;
let admin: ApiClient;
let hostId: string;
let a: TenantSetup;
let b: TenantSetup;
let usesId = "";

const sleeper = `    image: redis:alpine\n    command: ["sleep", "3600"]\n`;
const base = `services:\n  web:\n${sleeper}    networks: [backend]\n    volumes: [data:/data]\nnetworks:\n  backend: {}\nvolumes:\n  data: {}\n`;
/** A file naming external objects: `networks`/`volumes` map the compose name to the name on the host. */
function usesFile(networks: Record<string, string>, volumes: Record<string, string> = {}) {
  const ext = (m: Record<string, string>) =>
    Object.entries(m)
      .map(([k, v]) => `  ${k}: {external: true, name: ${v}}\n`)
      .join("");
  const mounts = Object.keys(volumes).map((v) => `${v}:/mnt/${v}`);
  return (
    `services:\n  web:\n${sleeper}    networks: [${Object.keys(networks).join(", ")}]\n` +
    (mounts.length ? `    volumes: [${mounts.join(", ")}]\n` : "") +
    `networks:\n${ext(networks)}` +
    (mounts.length ? `volumes:\n${ext(volumes)}` : "")
  );
}
const create = (t: TenantSetup, name: string, compose: string) =>
  t.dev.post(`/projects/${t.projectId}/apps`, { name, hostId, source: { type: "compose", compose } });
const deploy = (t: TenantSetup, id: string, compose: string) =>
  t.dev.post(`/apps/${id}/deploy`, { source: { type: "compose", compose } });
const appNames = async (t: TenantSetup) =>
  ((await t.dev.get(`/projects/${t.projectId}/apps`)).body.items as { name: string }[]).map((x) => x.name);

beforeAll(async () => {
  world = await startAdminWorld();
  ({ admin, hostId } = world);
  a = await world.tenant(`ExtA ${stamp}`);
  b = await world.tenant(`ExtB ${stamp}`);
  await engine.createNetwork({ Name: sharedNet });
  await engine.createVolume({ Name: unsharedVol });
}, 120_000);

afterAll(async () => {
  await world?.stop();
  await engine
    .getNetwork(sharedNet)
    .remove()
    .catch(() => undefined);
  await engine
    .getVolume(unsharedVol)
    .remove()
    .catch(() => undefined);
});

describe("external networks and volumes", () => {
  it("an app may attach what another app of its tenant created, and an unshared network is refused with nothing created", async () => {
    const res = await create(a, "base", base);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await deploy(a, res.body.app.id, base)).status).toBe(200);

    const refused = await create(
      a,
      "uses",
      usesFile({ back: "base_backend", shared: sharedNet }, { data: "base_data" }),
    );
    expect(refused.status).toBe(403);
    expect(Object.keys(refused.body.error.fields)).toEqual(["networks.shared.external"]);
    expect(await appNames(a)).toEqual(["base"]);
  });

  it("an admin shares a network with one tenant (audited); its apps attach it and their own objects", async () => {
    expect(
      (
        await a.dev.post(`/tenants/${a.tenantId}/shared-objects`, {
          kind: "network",
          hostId,
          name: sharedNet,
        })
      ).status,
    ).toBe(403);
    const missing = await admin.post(`/tenants/${a.tenantId}/shared-objects`, {
      kind: "volume",
      hostId,
      name: `no-such-${stamp}`,
    });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.error.fields)).toEqual(["name"]);
    const shared = await admin.post(`/tenants/${a.tenantId}/shared-objects`, {
      kind: "network",
      hostId,
      name: sharedNet,
      note: "monitoring",
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    expect((await a.dev.get(`/tenants/${a.tenantId}/shared-objects`)).body.items).toEqual([
      expect.objectContaining({ kind: "network", name: sharedNet, hostId }),
    ]);
    expect((await b.dev.get(`/tenants/${a.tenantId}/shared-objects`)).status).toBe(404);
    const audit = await admin.get("/audit?action=tenant.object.share");
    expect(JSON.stringify(audit.body)).toContain(sharedNet);

    const uses = usesFile({ back: "base_backend", shared: sharedNet }, { data: "base_data" });
    const res = await create(a, "uses", uses);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    usesId = res.body.app.id;
    const deployed = await deploy(a, usesId, uses);
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);
    const [c] = await engine.listContainers({ filters: { label: [`wharf.app=${usesId}`] } });
    const info = await engine.getContainer(c.Id).inspect();
    expect(Object.keys(info.NetworkSettings.Networks).sort()).toEqual(
      [`wharf_${a.slug}_shop_base_backend`, sharedNet].sort(),
    );
    expect(info.Mounts.map((m) => m.Name)).toEqual([`wharf_${a.slug}_shop_base_data`]);
    // Nothing new was created for the external objects.
    expect((await objectsWithLabel(`wharf.app=${usesId}`)).networks).toEqual([]);
    expect((await objectsWithLabel(`wharf.app=${usesId}`)).volumes).toEqual([]);
  });

  it("another tenant cannot attach A's objects, A's share, or an unshared volume: 403, nothing created", async () => {
    const tries: [string, Record<string, string>, Record<string, string>?][] = [
      ["networks.back.external", { back: "base_backend" }],
      ["networks.back.external", { back: `wharf_${a.slug}_shop_base_backend` }],
      ["networks.back.external", { back: sharedNet }],
      ["volumes.data.external", { back: "bridge" }, { data: unsharedVol }],
    ];
    for (const [field, networks, volumes] of tries) {
      const res = await create(b, "intruder", usesFile(networks, volumes));
      expect(res.status, JSON.stringify(networks)).toBe(403);
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
    expect(await appNames(b)).toEqual([]);
    const left = await objectsWithLabel(`wharf.tenant=${b.tenantId}`);
    expect([...left.containers, ...left.networks, ...left.volumes]).toEqual([]);
  });

  it("after the admin unshares, plan, deploy and service update of the app using it are refused; it keeps running", async () => {
    const list = (await admin.get(`/tenants/${a.tenantId}/shared-objects`)).body.items as { id: string }[];
    expect((await admin.delete(`/tenants/${a.tenantId}/shared-objects/${list[0].id}`)).status).toBe(204);
    const before = (await objectsWithLabel(`wharf.app=${usesId}`)).containers.map((c) => c.Id);
    for (const res of [
      await a.dev.post(`/apps/${usesId}/plan`, {}),
      await a.dev.post(`/apps/${usesId}/deploy`, {}),
      await a.dev.patch(`/apps/${usesId}/services/web`, { environment: { X: "1" } }),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(403);
      expect(Object.keys(res.body.error.fields)).toEqual(["networks.shared.external"]);
    }
    const after = await objectsWithLabel(`wharf.app=${usesId}`);
    expect(after.containers.map((c) => c.Id)).toEqual(before);
    expect(after.containers.every((c) => c.State === "running")).toBe(true);
  });
});
