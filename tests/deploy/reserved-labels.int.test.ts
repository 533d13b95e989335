// Issue 12, item 3: label namespaces Docker or Wharf read (wharf.*, com.docker.*, io.docker.*,
// org.dockerproject.*) are refused on every path of user input — compose labels, JSON specs (admins too),
// Dockerfile LABEL — and overridden when inherited from an image. A container whose image carries them still
// counts against the quota, shows in its app, stops, and goes with DELETE /apps/{id}.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine, removeImage, startTenantWorld, type TenantSetup, type TenantWorld } from "./helpers";
import { buildLocalImage, finish, tarOf, uploadBuild } from "../builds/helpers";
import type { ApiClient } from "../helpers/api-client";

let world: TenantWorld | undefined;
let admin: ApiClient;
let hostId: string;
let t: TenantSetup;
const uniq = Date.now().toString(36);
const SPOOF_IMAGE = `wharf-test-spoof-${uniq}:1`;

const appObjects = async (appId: string) => {
  const filters = { label: [`wharf.app=${appId}`] };
  const [containers, networks] = await Promise.all([
    engine.listContainers({ all: true, filters }),
    engine.listNetworks({ filters }),
  ]);
  return { containers, networks };
};

beforeAll(async () => {
  world = await startTenantWorld("Labels", { quotas: { maxContainers: 2 } });
  ({ admin, hostId, t } = world);
  // An image as a registry could serve it: its labels claim a Swarm task and another tenant's app.
  await buildLocalImage(
    SPOOF_IMAGE,
    "FROM wharf-busybox:latest\n" +
      "LABEL com.docker.swarm.service.id=spoofed com.docker.swarm.task.id=x wharf.tenant=other wharf.app=other\n",
  );
  // Built straight on the engine, so it belongs to no tenant until an admin shares it (image ownership).
  expect((await admin.post("/images/shared", { reference: SPOOF_IMAGE, note: "test" })).status).toBe(201);
});

afterAll(async () => {
  await world?.stop();
  await removeImage(SPOOF_IMAGE, { force: true });
});

describe("reserved labels in user input", () => {
  it("refuses them in compose labels of services, networks and volumes, creating nothing", async () => {
    const created = await t.dev.post(`/projects/${t.projectId}/apps`, { name: "refused", hostId });
    const id = created.body.app.id;
    const compose = [
      "services:",
      "  web:",
      "    image: wharf-busybox:latest",
      '    labels: ["com.docker.swarm.service.id=x"]',
      "networks:",
      "  n:",
      "    labels: {io.docker.owner: x}",
      "volumes:",
      "  v:",
      "    labels: {wharf.tenant: x}",
    ].join("\n");
    const res = await t.dev.post(`/apps/${id}/deploy`, { source: { type: "compose", compose } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(Object.keys(res.body.error.fields ?? {}).sort()).toEqual([
      'compose.networks.n.labels["io.docker.owner"]',
      "compose.services.web.labels[0]",
      'compose.volumes.v.labels["wharf.tenant"]',
    ]);
    expect(JSON.stringify(res.body.error.fields)).toMatch(/reserved/);
    // Admins skip the admission policy, not the spec schema: a JSON spec with a Docker label is refused too.
    const spec = {
      services: { web: { image: "wharf-busybox:latest", labels: { "org.dockerproject.x": "y" } } },
    };
    const asAdmin = await admin.post(`/apps/${id}/deploy`, { source: { type: "spec", spec } });
    expect(asAdmin.status, JSON.stringify(asAdmin.body)).toBe(422);
    expect(JSON.stringify(asAdmin.body.error)).toMatch(/org\.dockerproject\.x.*reserved/);
    expect(await appObjects(id)).toEqual({ containers: [], networks: [] });
  });

  it("refuses Dockerfile LABEL with a reserved key: inline at the request, from an archive before the build", async () => {
    const inline = await t.dev.post("/builds", {
      projectId: t.projectId,
      hostId,
      sourceType: "inline",
      tags: ["spoof:1"],
      inline: { dockerfile: "FROM wharf-busybox:latest\nLABEL a=1 \\\n  wharf.tenant=other\n" },
    });
    expect(inline.status).toBe(422);
    expect(inline.body.error.fields["inline.dockerfile"]).toMatch(/line 2: label "wharf.tenant" is reserved/);

    const archive = await tarOf([
      { name: "Dockerfile", content: 'FROM wharf-busybox:latest\nLABEL "com.docker.stack.namespace"=x\n' },
    ]);
    const up = await uploadBuild(t.dev, { projectId: t.projectId, hostId, tags: ["spoof:2"] }, archive);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const { build, log } = await finish(t.dev, up.body.id);
    expect(build.status).toBe("failed");
    expect(build.error).toMatch(/line 2: label "com.docker.stack.namespace" is reserved/);
    expect(log).not.toMatch(/Step 1\/|Successfully built/);
    expect(await engine.listImages({ filters: { label: [`wharf.tenant=${t.tenantId}`] } })).toEqual([]);
  });
});

describe("an image whose labels claim a Swarm task and another tenant", () => {
  let appId = "";
  const source = { type: "image", image: { image: SPOOF_IMAGE, command: ["sleep", "3600"], replicas: 2 } };

  it("runs with the reserved labels overridden, counted against the quota and shown in its app", async () => {
    appId = (await t.dev.post(`/projects/${t.projectId}/apps`, { name: "spoof", hostId })).body.app.id;
    const res = await t.dev.post(`/apps/${appId}/deploy`, { source });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { containers } = await appObjects(appId);
    expect(containers).toHaveLength(2);
    for (const c of containers) {
      expect(c.Labels["com.docker.swarm.service.id"]).toBe("");
      expect(c.Labels["com.docker.swarm.task.id"]).toBe("");
      expect(c.Labels["wharf.tenant"]).toBe(t.tenantId);
      expect(c.State).toBe("running");
    }
    const app = (await t.dev.get(`/apps/${appId}`)).body;
    expect(app.services).toMatchObject([{ name: "app", running: 2 }]);
    const other = (await t.dev.post(`/projects/${t.projectId}/apps`, { name: "other", hostId })).body.app.id;
    const refused = await t.dev.post(`/apps/${other}/deploy`, {
      source: { ...source, image: { ...source.image, replicas: 1 } },
    });
    expect(refused.status).toBe(409);
    expect((await appObjects(other)).containers).toEqual([]);
  });

  it("stops, deletes and deploys again under the same names (no 500, no name conflict)", async () => {
    expect((await t.dev.post(`/apps/${appId}/stop`)).status).toBe(200);
    expect((await appObjects(appId)).containers.map((c) => c.State)).toEqual(["exited", "exited"]);
    const del = await t.dev.delete(`/apps/${appId}`);
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    expect(await appObjects(appId)).toEqual({ containers: [], networks: [] });
    const again = (await t.dev.post(`/projects/${t.projectId}/apps`, { name: "spoof", hostId })).body.app.id;
    const res = await t.dev.post(`/apps/${again}/deploy`, { source });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await t.dev.delete(`/apps/${again}`)).status).toBe(200);
    expect((await appObjects(again)).containers).toEqual([]);
  });
});

describe("containers an older Wharf deployed, before ownership proofs", () => {
  it("are still the app's, and the next deploy replaces them with proved ones", async () => {
    const source = { type: "image", image: { image: "wharf-busybox:latest", command: ["sleep", "3600"] } };
    const id = (await t.dev.post(`/projects/${t.projectId}/apps`, { name: "legacy", hostId })).body.app.id;
    expect((await t.dev.post(`/apps/${id}/deploy`, { source })).status).toBe(200);
    // Recreate its container as an older Wharf made it: the same name and labels, without wharf.owner.
    const [c] = (await appObjects(id)).containers;
    const info = await engine.getContainer(c.Id).inspect();
    const { ["wharf.owner"]: proof, ...labels } = info.Config.Labels;
    expect(proof).toBeTruthy();
    await engine.getContainer(c.Id).remove({ force: true });
    const old = await engine.createContainer({
      name: info.Name.replace(/^\//, ""),
      Image: info.Config.Image,
      Cmd: info.Config.Cmd,
      Labels: labels,
      HostConfig: { NetworkMode: info.HostConfig.NetworkMode },
    });
    await old.start();
    expect((await t.dev.get(`/apps/${id}`)).body.services).toMatchObject([{ name: "app", running: 1 }]);
    const res = await t.dev.post(`/apps/${id}/deploy`, { source });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.changed).toBe(true);
    const now = (await appObjects(id)).containers;
    expect(now.map((x) => x.Id)).not.toContain(old.id);
    expect(now).toHaveLength(1);
    expect(now[0].Labels["wharf.owner"]).toBeTruthy();
    expect((await t.dev.delete(`/apps/${id}`)).status).toBe(200);
  });
});
