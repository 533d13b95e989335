// Compose build: — the service's image is built from a git repository (a local one made here; file://
// is an admin privilege) through the builds module, recorded as a Build of the app with its log, then
// deployed as a new revision. A developer may not use a local repository; a failing build fails the
// deploy and changes nothing.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine, startTenantWorld, type TenantSetup, type TenantWorld } from "./helpers";
import { makeRepo, removeImagesOf } from "../builds/helpers";
import type { ApiClient } from "../helpers/api-client";
import type { WharfServer } from "../helpers/wharf-server";

let world: TenantWorld | undefined;
let server: WharfServer;
let admin: ApiClient;
let hostId: string;
let t: TenantSetup;
let tmp = "";
const marker = `built-${Date.now().toString(36)}`;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-compose-build-"));
  world = await startTenantWorld("CBuild");
  ({ server, admin, hostId, t } = world);
});

afterAll(async () => {
  await world?.stop();
  if (t) await removeImagesOf(t.tenantId);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const compose = (context: string) => `services:\n  web:\n    build:\n      context: ${context}\n`;
const events = (body: unknown) =>
  String(body)
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
const running = (appId: string) => engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } });

describe("compose build: on deploy", () => {
  let appId = "";
  let repo: ReturnType<typeof makeRepo>;
  let firstContainer = "";

  it("an admin deploys a service built from a file:// repository: a Build of the app with a log, the container runs its image", async () => {
    repo = makeRepo(tmp, marker);
    const created = await admin.post(`/projects/${t.projectId}/apps`, {
      name: "built",
      hostId,
      mode: "standalone",
      source: { type: "compose", compose: compose(`file://${repo.dir}`) },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    appId = created.body.app.id;
    expect(created.body.plan.services).toEqual([
      expect.objectContaining({ service: "web", action: "create" }),
    ]);
    const res = await admin.post(
      `/apps/${appId}/deploy`,
      { source: { type: "compose", compose: compose(`file://${repo.dir}`) } },
      { accept: "application/x-ndjson" },
    );
    const lines = events(res.body);
    expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({
      type: "result",
      result: { changed: true, revision: 1 },
    });
    const building = lines.filter((l) => l.phase === "building").map((l) => l.message);
    expect(building).toContain("building web: Step 1/7 : FROM wharf-busybox:latest");
    expect(building).toContain(`building web: Step 2/7 : RUN echo "${marker}-""two"`);
    expect(
      building.some(
        (m: string) => m.startsWith("building web: Checked out commit ") && m.includes(repo.second),
      ),
    ).toBe(true);
    // Building comes before anything is created.
    expect(lines.findIndex((l) => l.phase === "building")).toBeLessThan(
      lines.findIndex((l) => l.phase === "creating"),
    );

    const builds = (await admin.get(`/builds?appId=${appId}`)).body.items;
    expect(builds).toHaveLength(1);
    expect(builds[0]).toMatchObject({ status: "succeeded", commit: repo.second });
    const log = await fetch(`${server.baseUrl}/api/v1/builds/${builds[0].id}/log`, {
      headers: { cookie: admin.cookie },
    }).then((r) => r.text());
    expect(log).toContain(`${marker}-two`);

    const [c] = await running(appId);
    firstContainer = c.Id;
    expect(c.ImageID).toBe(builds[0].imageId);
    expect(c.Image).toBe(
      `wharf/${t.slug}/shop/built-web:id-${builds[0].imageId.replace("sha256:", "").slice(0, 12)}`,
    );
    // The revision records the image it built, not the build: scaling re-uses it without building again.
    const rev = (await admin.get(`/apps/${appId}/revisions/1`)).body;
    expect(rev.spec.services.web.build).toBeUndefined();
    expect(rev.spec.services.web.image).toBe(c.Image);
    const scaled = await admin.post(`/apps/${appId}/scale`, { service: "web", replicas: 2 });
    expect(scaled.status, JSON.stringify(scaled.body)).toBe(200);
    expect((await admin.get(`/builds?appId=${appId}`)).body.items).toHaveLength(1);
    await admin.post(`/apps/${appId}/scale`, { service: "web", replicas: 1 });
  });

  it("a developer may not build from a repository on the server: 403 naming services.web.build.context", async () => {
    for (const context of [`file://${repo.dir}`, repo.dir]) {
      const res = await t.dev.post(`/apps/${appId}/deploy`, {
        source: { type: "compose", compose: compose(context) },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(403);
      expect(Object.keys(res.body.error.fields)).toEqual(["services.web.build.context"]);
      expect(res.body.error.fields["services.web.build.context"]).toMatch(/admins only/);
    }
    const create = await t.dev.post(`/projects/${t.projectId}/apps`, {
      name: "nope",
      hostId,
      mode: "standalone",
      source: { type: "compose", compose: compose(`file://${repo.dir}`) },
    });
    expect(create.status).toBe(403);
    // Contexts git could misread are refused for everyone, by the parser, naming the key and line.
    for (const bad of ["-uhttps://x/r.git", "'ext::sh%20-c%20id'"]) {
      const res = await admin.post(`/apps/${appId}/deploy`, {
        source: { type: "compose", compose: compose(bad) },
      });
      expect(res.status).toBe(422);
      expect(res.body.error.fields["compose.services.web.build.context"]).toMatch(/^line 4: /);
    }
    // A repository that does not exist is a 422 before any build is recorded.
    const missing = await admin.post(`/apps/${appId}/deploy`, {
      source: { type: "compose", compose: compose(`file://${tmp}/missing`) },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields["services.web.build.context"]).toMatch(/not found/);
    expect((await admin.get(`/builds?appId=${appId}`)).body.items).toHaveLength(1);
    expect((await running(appId)).map((c) => c.Id)).toEqual([firstContainer]);
  });

  it("a failing build fails the deploy with the build's error; the running revision (3, after scaling) keeps running and no revision is recorded", async () => {
    fs.writeFileSync(
      path.join(repo.dir, "Dockerfile"),
      "FROM wharf-busybox:latest\nRUN echo about to fail && exit 3\n",
    );
    execFileSync("git", ["-c", "user.email=t@wharf.test", "-c", "user.name=T", "commit", "-qam", "broken"], {
      cwd: repo.dir,
    });
    const res = await admin.post(`/apps/${appId}/deploy`, {
      source: { type: "compose", compose: compose(`file://${repo.dir}`) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe("deploy_failed");
    expect(res.body.error.message).toMatch(
      /The build of service web failed \(build \w+\): .*non-zero code: 3\. Revision 3 is still running/,
    );
    expect(res.body.error.fields["services.web.build"]).toMatch(/failed/);
    const builds = (await admin.get(`/builds?appId=${appId}`)).body.items;
    expect(builds.map((b: { status: string }) => b.status)).toEqual(["failed", "succeeded"]);
    expect((await running(appId)).map((c) => c.Id)).toEqual([firstContainer]);
    const app = (await admin.get(`/apps/${appId}`)).body;
    expect(app).toMatchObject({ currentRevision: 3, status: "running" });
    const revs = (await admin.get(`/apps/${appId}/revisions`)).body.items;
    expect(revs.map((r: { number: number; outcome: string }) => [r.number, r.outcome])).toEqual([
      [3, "succeeded"],
      [2, "succeeded"],
      [1, "succeeded"],
    ]);
  });
});
