// Issue 12, item 1: images belong to one tenant. Tenant B builds an image with a secret in it and pulls a
// private image with its own registry credentials. A developer of tenant A (the least-privileged role that
// can deploy and build) then tries every path: create, plan, deploy, service update, scale and rollback
// (after an unshare), builds FROM, FROM ${ARG} with a build arg, COPY --from, by name, by sha256 id and by
// digest. Each answers 403 naming the image, with the same words whether or not B has that image; the
// engine runs nothing new for A and no container of A uses B's image. A's build of B's Dockerfile does not
// reuse B's cached layer. Admins keep full access; sharing is admin-only and audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { succeededInlineBuild } from "../builds/helpers";
import { engine, removeImage, startAdminWorld, type AdminWorld, type TenantSetup } from "../deploy/helpers";
import { allowEgress } from "../helpers/egress";
import { commitImage, postRegistry, startedRegistry } from "../helpers/registry";
import type { ApiClient } from "../helpers/api-client";
import type { WharfServer } from "../helpers/wharf-server";

const stamp = Date.now().toString(36);
let world: AdminWorld | undefined;
let server: WharfServer;
let admin: ApiClient;
let hostId: string;
let a: TenantSetup;
let b: TenantSetup;
let secretRef = ""; // B's build, wharf/<b>/<project>/secret:1
let secretId = "";
let secretBuildId = "";
let privateRef = ""; // B pulled it with B's registry credentials
let privateDigestRef = "";
const aloneBase = `own-it-base-${stamp}`; // tagged here, shared then unshared by the admin

const compose = (image: string) => `services:\n  app:\n    image: ${image}\n    command: ["sleep", "3600"]\n`;
const imageSource = (image: string) => ({ type: "compose", compose: compose(image) });
const SECRET_DOCKERFILE = 'FROM wharf-busybox:latest\nRUN echo "b-secret-$(date +%s%N)" > /secret\n';

async function drain(stream: NodeJS.ReadableStream): Promise<string> {
  let s = "";
  for await (const c of stream) s += String(c);
  return s;
}

/** What the engine runs for a tenant, and which images those containers use. */
async function engineView(tenantId: string) {
  const cs = await engine.listContainers({ all: true, filters: { label: [`wharf.tenant=${tenantId}`] } });
  return { count: cs.length, imageIds: cs.map((c) => c.ImageID) };
}

/** A refusal names the image; the same words with the reference swapped prove nothing leaks about who has it. */
const withoutRef = (body: { error: { message: string } }, ref: string) =>
  body.error.message.replaceAll(ref, "<ref>").replace(/ \(pull failed: .*\)$/, "");

beforeAll(async () => {
  const reg = startedRegistry();
  world = await startAdminWorld();
  ({ server, admin, hostId } = world);
  await allowEgress(admin, reg.addr, "the test registry");
  a = await world.tenant(`Own A ${stamp}`);
  b = await world.tenant(`Own B ${stamp}`);

  // B builds an image with a secret in its filesystem.
  const { build } = await succeededInlineBuild(b.dev, {
    projectId: b.projectId,
    hostId,
    dockerfile: SECRET_DOCKERFILE,
    tags: ["secret:1"],
  });
  [secretRef, secretId, secretBuildId] = [build.tags[0], build.imageId, build.id];

  // B pulls a private image from the registry with its own credentials (through a deploy).
  const repo = `${reg.addr}/own-it/private-${stamp}`;
  privateRef = `${repo}:v1`;
  await commitImage(engine, repo, "v1"); // content of its own: its id is not the shared base's
  const auth = { username: reg.user, password: reg.password, serveraddress: reg.addr };
  const out = await drain(await engine.getImage(privateRef).push({ authconfig: auth }));
  expect(out).not.toMatch(/"error"/);
  await engine.getImage(privateRef).remove({ noprune: true });
  const r = await postRegistry(b.dev, b.tenantId, "private", reg, { url: `http://${reg.addr}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const bApp = await b.dev.post(`/projects/${b.projectId}/apps`, {
    name: "puller",
    hostId,
    mode: "standalone",
  });
  const dep = await b.dev.post(`/apps/${bApp.body.app.id}/deploy`, { source: imageSource(privateRef) });
  expect(dep.status, JSON.stringify(dep.body)).toBe(200);
  const info = await engine.getImage(privateRef).inspect();
  privateDigestRef = info.RepoDigests.find((d) => d.startsWith(repo))!;
  expect(privateDigestRef).toMatch(/@sha256:/);

  await commitImage(engine, aloneBase, "1"); // shared, then unshared by the admin below
}, 240_000);

afterAll(async () => {
  await world?.stop();
  for (const ref of [secretRef, privateRef, `${aloneBase}:1`].filter(Boolean))
    await removeImage(ref, { noprune: true });
});

describe("images belong to one tenant", () => {
  it("refuses B's images to A on create, plan and deploy — by name, sha256 id and digest", async () => {
    const before = await engineView(a.tenantId);
    const refs = [
      secretRef,
      secretId,
      secretId.replace(/^sha256:/, "").slice(0, 12),
      privateRef,
      privateDigestRef,
    ];
    const create = await a.dev.post(`/projects/${a.projectId}/apps`, {
      name: `steal-${stamp}`,
      hostId,
      mode: "standalone",
      source: imageSource(secretRef),
    });
    expect(create.status, JSON.stringify(create.body)).toBe(403);
    expect(create.body.error.message).toContain(secretRef);
    expect((await a.dev.get(`/projects/${a.projectId}/apps`)).body.items).toHaveLength(0);

    const app = await a.dev.post(`/projects/${a.projectId}/apps`, {
      name: `a-${stamp}`,
      hostId,
      mode: "standalone",
    });
    expect(app.status).toBe(201);
    const id = app.body.app.id;
    const missing = `wharf/${b.slug}/shop/does-not-exist:1`;
    const missingRefusal = await a.dev.post(`/apps/${id}/deploy`, { source: imageSource(missing) });
    expect(missingRefusal.status).toBe(403);
    for (const ref of refs) {
      for (const op of ["plan", "deploy"] as const) {
        const res = await a.dev.post(`/apps/${id}/${op}`, { source: imageSource(ref) });
        expect(res.status, `${op} ${ref}: ${JSON.stringify(res.body)}`).toBe(403);
        expect(res.body.error.message).toContain(ref);
        expect(res.body.error.fields).toHaveProperty("services.app.image");
      }
    }
    // Same words for an image B has and one nobody has.
    const bHas = await a.dev.post(`/apps/${id}/deploy`, { source: imageSource(secretRef) });
    expect(withoutRef(bHas.body, secretRef)).toBe(withoutRef(missingRefusal.body, missing));
    expect(await engineView(a.tenantId)).toEqual(before);
    expect((await a.dev.get(`/apps/${id}/revisions`)).body.items).toHaveLength(0);
  }, 120_000);

  it("'Deploy this image' of B's build: refused to A (404, nothing created); B gets its build's own image, never a name", async () => {
    const before = await engineView(a.tenantId);
    const byA = await a.dev.post(`/builds/${secretBuildId}/app`, { projectId: a.projectId, name: "stolen" });
    expect(byA.status, JSON.stringify(byA.body)).toBe(404);
    const intoB = await a.dev.post(`/builds/${secretBuildId}/app`, {
      projectId: b.projectId,
      name: "stolen",
    });
    expect(intoB.status).toBe(404);
    expect(
      (await a.dev.get(`/projects/${a.projectId}/apps`)).body.items.map((x: { name: string }) => x.name),
    ).not.toContain("stolen");
    expect(
      (await b.dev.get(`/projects/${b.projectId}/apps`)).body.items.map((x: { name: string }) => x.name),
    ).not.toContain("stolen");
    expect(await engineView(a.tenantId)).toEqual(before);

    // B's own developer: an image name in the request is refused, not used; into another tenant's project, 422.
    const named = await b.dev.post(`/builds/${secretBuildId}/app`, {
      projectId: b.projectId,
      name: "named",
      image: { image: "wharf-busybox:latest" },
    });
    expect(named.status, JSON.stringify(named.body)).toBe(422);
    const elsewhere = await b.dev.post(`/builds/${secretBuildId}/app`, { projectId: a.projectId, name: "x" });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error.fields).toHaveProperty("projectId");
    const own = await b.dev.post(`/builds/${secretBuildId}/app`, {
      projectId: b.projectId,
      name: `from-build-${stamp}`,
      image: { command: ["sleep", "3600"] },
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.plan.changes).toBeGreaterThan(0);
    const revisionSource = await b.dev.post(`/apps/${own.body.app.id}/plan`, {
      source: { type: "image", image: { image: secretId, command: ["sleep", "3600"] } },
    });
    expect(revisionSource.status, JSON.stringify(revisionSource.body)).toBe(200);
  }, 60_000);

  it("refuses them on service update, and a shared image that was unshared on scale and rollback", async () => {
    const shared = await admin.post("/images/shared", { reference: `${aloneBase}:1`, note: "test" });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    const app = await a.dev.post(`/projects/${a.projectId}/apps`, {
      name: `svc-${stamp}`,
      hostId,
      mode: "standalone",
    });
    const id = app.body.app.id;
    const r1 = await a.dev.post(`/apps/${id}/deploy`, { source: imageSource(`${aloneBase}:1`) });
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    const r2 = await a.dev.post(`/apps/${id}/scale`, { service: "app", replicas: 2 });
    expect(r2.status, JSON.stringify(r2.body)).toBe(200);
    const running = await engineView(a.tenantId);
    expect(running.imageIds).not.toContain(secretId);

    for (const image of [secretRef, secretId, privateDigestRef]) {
      const upd = await a.dev.patch(`/apps/${id}/services/app`, { image });
      expect(upd.status, `${image}: ${JSON.stringify(upd.body)}`).toBe(403);
      expect(upd.body.error.message).toContain(image);
    }
    expect(await admin.delete(`/images/shared/${shared.body.id}`)).toMatchObject({ status: 204 });
    const scale = await a.dev.post(`/apps/${id}/scale`, { service: "app", replicas: 3 });
    expect(scale.status, JSON.stringify(scale.body)).toBe(403);
    const back = await a.dev.post(`/apps/${id}/rollback`, { revision: 1 });
    expect(back.status, JSON.stringify(back.body)).toBe(403);
    expect(await engineView(a.tenantId)).toEqual(running);
  }, 180_000);

  it("refuses them in builds: FROM, FROM ${ARG} with a build arg, COPY --from, ONBUILD COPY --from", async () => {
    const imagesBefore = (await engine.listImages()).length;
    const cases: { dockerfile: string; buildArgs?: Record<string, string>; ref: string }[] = [
      { dockerfile: `FROM ${secretRef}\n`, ref: secretRef },
      { dockerfile: `FROM ${secretId}\n`, ref: secretId },
      {
        dockerfile: "ARG BASE=wharf-busybox:latest\nFROM ${BASE}\n",
        buildArgs: { BASE: secretRef },
        ref: secretRef,
      },
      { dockerfile: `ARG B=${secretRef}\nFROM scratch\nCOPY --from=\${B} /secret /s\n`, ref: secretRef },
      {
        dockerfile: `FROM wharf-busybox:latest\nCOPY --from=${privateDigestRef} /bin/sh /x\n`,
        ref: privateDigestRef,
      },
      {
        dockerfile: `FROM wharf-busybox:latest\nONBUILD COPY --from=${secretRef} /secret /s\n`,
        ref: secretRef,
      },
    ];
    for (const c of cases) {
      const res = await a.dev.post("/builds", {
        projectId: a.projectId,
        hostId,
        sourceType: "inline",
        inline: { dockerfile: c.dockerfile },
        buildArgs: c.buildArgs ?? {},
      });
      expect(res.status, `${c.dockerfile}: ${JSON.stringify(res.body)}`).toBe(403);
      expect(res.body.error.message).toContain(c.ref);
    }
    expect((await a.dev.get(`/builds?projectId=${a.projectId}`)).body.items).toHaveLength(0);
    expect((await engine.listImages()).length).toBe(imagesBefore);
  }, 120_000);

  it("a build never takes another tenant's cached layers", async () => {
    const done = await succeededInlineBuild(a.dev, {
      projectId: a.projectId,
      hostId,
      dockerfile: SECRET_DOCKERFILE,
      tags: ["copy:1"],
    });
    expect(done.log).not.toContain("Using cache");
    const layers = async (id: string) => (await engine.getImage(id).inspect()).RootFS.Layers ?? [];
    expect((await layers(done.build.imageId)).at(-1)).not.toBe((await layers(secretId)).at(-1));
  }, 120_000);

  it("admins keep full access; sharing is admin-only and audited", async () => {
    const app = await a.dev.post(`/projects/${a.projectId}/apps`, {
      name: `adm-${stamp}`,
      hostId,
      mode: "standalone",
    });
    const plan = await admin.post(`/apps/${app.body.app.id}/plan`, { source: imageSource(secretRef) });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const denied = await a.dev.post("/images/shared", { reference: secretRef });
    expect(denied.status).toBe(403);
    const list = await a.dev.get("/images/shared");
    expect(list.body.items.map((i: { reference: string }) => i.reference)).toContain("redis:alpine");
    expect(list.body.items.map((i: { reference: string }) => i.reference)).not.toContain(secretRef);
    const audit = (await admin.get("/audit?action=image.share&limit=50")).body.items as {
      outcome: string;
      actorEmail: string;
    }[];
    expect(audit.some((e) => e.outcome === "success" && e.actorEmail === server.adminEmail)).toBe(true);
    expect(audit.some((e) => e.outcome === "denied")).toBe(true);
    expect(audit.some((e) => e.actorEmail === "system")).toBe(true);
  }, 60_000);
});
