// Issue 12, item 4: scoping never trusts a label a user could write. Tenant A builds FROM an image whose labels
// are tenant B's — down to the ownership proof copied from B's real container (as if it had leaked). The running
// build-step container must not show in B's list or counters, count against B's quota, or open to B (inspect,
// console); and the build fails, since its image would carry reserved labels.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "./engine";
import { buildLocalImage, finish } from "../builds/helpers";
import {
  deploySleeper,
  engine,
  removeImage,
  startAdminWorld,
  type AdminWorld,
  type TenantSetup,
} from "../deploy/helpers";
import { memberClient, type ApiClient } from "../helpers/api-client";
import { openConsole, upgradeStatus } from "../ops/helpers";

const uniq = Date.now().toString(36);
const BASE = `wharf-test-spoofbase-${uniq}:1`;
let world: AdminWorld | undefined;
let admin: ApiClient;
let hostId: string;
let a: TenantSetup;
let b: TenantSetup;
let viewerB: ApiClient;
let bApp = "";
let bContainer = "";

beforeAll(async () => {
  world = await startAdminWorld();
  ({ admin, hostId } = world);
  a = await world.tenant(`A ${uniq}`);
  b = await world.tenant(`B ${uniq}`, { maxContainers: 2 });
  viewerB = await memberClient(admin, `viewer-b-${uniq}@wharf.test`, b.tenantId, "viewer");
  const { appId, container } = await deploySleeper(b, hostId, "shop");
  [bApp, bContainer] = [appId, container.Id];
  // B's labels, proof included, baked into an image tenant A can build from.
  const copied = Object.entries(container.Labels)
    .filter(([k]) => k.startsWith("wharf."))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(" ");
  await buildLocalImage(BASE, `FROM wharf-busybox:latest\nLABEL ${copied}\n`);
  // Built straight on the engine, so it belongs to no tenant until an admin shares it (image ownership).
  expect((await admin.post("/images/shared", { reference: BASE, note: "test" })).status).toBe(201);
}, 240_000);

afterAll(async () => {
  await world?.stop();
  await removeImage(BASE, { force: true });
});

describe("a build step wearing another tenant's labels", () => {
  it("is nobody's: not in B's list, counters or quota, not inspectable nor console-able by B", async () => {
    const counters = async (c: ApiClient) => (await c.get("/counters")).body.containers;
    const before = await counters(viewerB);
    expect(before).toMatchObject({ running: 1, total: 1 });

    const build = await a.dev.post("/builds", {
      projectId: a.projectId,
      hostId,
      sourceType: "inline",
      tags: ["spoofed:1"],
      // The step waits (at most 45 s) until the test is done with it and tells it to go on.
      inline: {
        dockerfile: `FROM ${BASE}\nRUN for i in $(seq 180); do [ -e /tmp/go ] && exit 0; sleep 0.25; done\n`,
      },
    });
    expect(build.status, JSON.stringify(build.body)).toBe(201);
    const step = await until(
      "the build step runs with B's labels",
      async () => {
        const list = await engine.listContainers({ filters: { label: [`wharf.app=${bApp}`] } });
        return list.find((c) => c.Id !== bContainer);
      },
      90_000,
    );
    expect(step.Labels["wharf.tenant"]).toBe(b.tenantId);
    expect(step.Labels["wharf.owner"]).toBeTruthy();
    // The fleet knows the container (admin sees it), so its absence below is scoping, not lag.
    await until(
      "admin sees the step",
      async () => (await admin.get(`/containers/${step.Id}`)).status === 200,
    );

    const listed = (await viewerB.get("/containers?limit=1000")).body;
    expect(listed.items.map((r: { id: string }) => r.id)).toEqual([bContainer]);
    expect(await counters(viewerB)).toEqual(before);
    expect((await b.dev.get(`/containers/${step.Id}`)).status).toBe(404);
    expect((await viewerB.get(`/containers?tenant=${b.tenantId}&q=${step.Id.slice(0, 12)}`)).body.total).toBe(
      0,
    );
    expect(await upgradeStatus(openConsole(b.dev, step.Id, ""))).toBe(404);
    expect((await b.dev.post(`/containers/${step.Id}/stop`)).status).toBe(404);
    // Nor A's: build steps belong to no tenant (admin and ops only).
    expect((await a.dev.get(`/containers/${step.Id}`)).status).toBe(404);
    // B's quota (2) still has room for one more container while the step runs.
    await deploySleeper(b, hostId, "more");
    expect(
      (await engine.listContainers({ filters: { label: [`wharf.tenant=${b.tenantId}`] } })).map((c) => c.Id),
    ).toHaveLength(3); // B's two, and the step claiming to be B's
    expect(await counters(viewerB)).toMatchObject({ running: 2, total: 2 });

    const go = await engine.getContainer(step.Id).exec({ Cmd: ["touch", "/tmp/go"] });
    await go.start({ Detach: true });
    const done = await finish(a.dev, build.body.id);
    expect(done.build.status).toBe("failed");
    expect(done.build.error).toMatch(/reserved label "wharf\.[a-z]+"/);
    expect(await engine.listImages({ filters: { reference: [`wharf/*/*/spoofed:1`] } })).toEqual([]);
  });
});
