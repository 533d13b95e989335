// Builds from every kind of source against the real engine: git (branch, tag, commit), an uploaded
// tar / tar.gz / zip, an inline Dockerfile; a failing step; cancel; the per-tenant queue; tenant isolation.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BASE,
  engine,
  finish,
  imagesOf,
  leftovers,
  makeRepo,
  startSuite,
  stopSuite,
  tarOf,
  uniq,
  uploadBuild,
  waitForLog,
  zipOf,
  type Suite,
} from "./helpers";
import { createUserClient } from "../helpers/api-client";

let s: Suite;
const LOG_CAP = 64 * 1024;
beforeAll(async () => {
  s = await startSuite({ WHARF_BUILD_LOG_MAX_BYTES: String(LOG_CAP) });
});
afterAll(async () => stopSuite(s));

const opts = () => ({ projectId: s.projectId, hostId: s.hostId });
const inline = (dockerfile: string, extra: Record<string, unknown> = {}) => ({
  ...opts(),
  sourceType: "inline",
  inline: { dockerfile },
  ...extra,
});

describe("build sources", () => {
  it("builds a local git repository by branch, tag and commit (admin), recording the commit", async () => {
    const m = uniq("mk");
    const repo = makeRepo(s.tmpDir, m);
    const cases = [
      { ref: "feature", sha: repo.feature, marker: `${m}-feature` },
      { ref: "v1", sha: repo.first, marker: `${m}-one` },
      { ref: repo.first, sha: repo.first, marker: `${m}-one` },
      { ref: undefined, sha: repo.second, marker: `${m}-two` },
    ];
    const imageOf = new Map<string, string>();
    for (const c of cases) {
      const res = await s.admin.post("/builds", {
        ...opts(),
        sourceType: "git",
        git: { url: repo.dir, ref: c.ref },
        tags: ["app:git"],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const { build, log } = await finish(s.admin, res.body.id);
      expect(build.status, log).toBe("succeeded");
      expect(build.commit).toBe(c.sha);
      expect(build.source).toMatchObject({ url: repo.dir, ref: c.ref ?? "" });
      // The same content twice (tag v1, then its commit): the engine reuses the cached RUN step.
      if (imageOf.has(c.marker))
        expect(log).toMatch(
          new RegExp(`RUN echo "${c.marker.replace(/-[a-z]+$/, "")}-""[a-z]+"\\s+---> Using cache`),
        );
      else expect(log).toContain(c.marker);
      imageOf.set(c.marker, build.imageId);
    }
    expect(imageOf.size).toBe(3);
    expect(leftovers(s)).toEqual([]);
  });

  it("builds an uploaded tar, tar.gz and zip with their own files, and reports image id, size and scoped tags", async () => {
    const m = uniq("up");
    const dockerfile = `FROM ${BASE}\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt\n`;
    const tar = await tarOf([
      { name: "Dockerfile", content: dockerfile },
      { name: "hello.txt", content: `${m}-tar\n` },
    ]);
    const tgz = gzipSync(
      await tarOf([
        { name: "./Dockerfile", content: dockerfile },
        { name: "./hello.txt", content: `${m}-tgz\n` },
      ]),
    );
    const zip = zipOf([
      { name: "Dockerfile", content: dockerfile },
      { name: "hello.txt", content: `${m}-zip\n` },
    ]);
    for (const [kind, buf] of [
      ["tar", tar],
      ["tgz", tgz],
      ["zip", zip],
    ] as const) {
      const res = await uploadBuild(s.dev, { ...opts(), tags: [`web:${kind}`] }, buf, `ctx.${kind}`);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const { build, log } = await finish(s.dev, res.body.id);
      expect(build.status, log).toBe("succeeded");
      expect(log).toContain(`${m}-${kind}`);
      expect(build.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(build.sizeBytes).toBeGreaterThan(0);
      expect(build.tags[0]).toMatch(new RegExp(`^wharf/[a-z0-9-]+/shop/web:${kind}$`));
      const img = await engine.getImage(build.imageId).inspect();
      expect(img.RepoTags).toContain(build.tags[0]);
      expect(img.Config.Labels).toMatchObject({
        "wharf.tenant": s.tenantId,
        "wharf.project": s.projectId,
        "wharf.build": build.id,
      });
    }
    expect(leftovers(s)).toEqual([]);
  });

  it("builds an inline Dockerfile with an extra file, build args and a target stage", async () => {
    const m = uniq("in");
    const dockerfile = `FROM ${BASE} AS base\nARG GREETING\nCOPY conf/app.txt /app.txt\nRUN echo "$GREETING" && cat /app.txt\nFROM base AS final\nRUN echo not-this-stage\n`;
    const res = await s.dev.post(
      "/builds",
      inline(dockerfile, {
        inline: { dockerfile, files: [{ path: "conf/app.txt", content: `${m}-file` }] },
        buildArgs: { GREETING: `${m}-arg` },
        target: "base",
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { build, log } = await finish(s.dev, res.body.id);
    expect(build.status, log).toBe("succeeded");
    expect(log).toContain(`${m}-file`);
    expect(log).toContain(`${m}-arg`);
    expect(log).not.toContain("not-this-stage");
    expect(build.createdBy).toMatch(/@wharf\.test$/);
    expect(build.durationMs).toBeGreaterThan(0);
  });

  it("fails a build whose RUN step fails, keeping that step's output in the log", async () => {
    const m = uniq("fail");
    const res = await s.dev.post(
      "/builds",
      inline(`FROM ${BASE}\nRUN echo "${m}-be""fore" && echo "${m}-oo""ps" >&2 && exit 3\n`),
    );
    const { build, log } = await finish(s.dev, res.body.id);
    expect(build.status).toBe("failed");
    expect(build.error).toMatch(/returned a non-zero code: 3/);
    expect(log).toContain(`${m}-before`);
    expect(log).toContain(`${m}-oops`);
    expect(build.imageId).toBe("");
  });

  it("caps a build's stored log and says so, while the build goes on", async () => {
    const res = await s.dev.post(
      "/builds",
      inline(
        `FROM ${BASE}\nRUN i=0; while [ $i -lt 5000 ]; do echo "line-$i-................................................"; i=$((i+1)); done; echo "after-""cap"\n`,
      ),
    );
    const { build, log } = await finish(s.dev, res.body.id);
    expect(build.status).toBe("succeeded");
    expect(build.logTruncated).toBe(true);
    expect(log).toMatch(/Log truncated: only the first 64 KiB of a build.s log is kept/);
    expect(Buffer.byteLength(log)).toBeLessThan(LOG_CAP + 200);
    expect(log).toContain("line-0-");
    expect(log).not.toContain("after-cap");
  });

  it("cancels a running build: the engine kills the step's container; a reload replays the log so far", async () => {
    const m = uniq("cancel");
    // Quotes split the markers so the step's own command line (also in the log) does not contain them.
    const res = await s.dev.post(
      "/builds",
      inline(`FROM ${BASE}\nRUN echo "${m}-sta""rted" && sleep 60 && echo "${m}-ne""ver"\n`),
    );
    await waitForLog(s.dev, res.body.id, (t) => t.includes(`${m}-started`));
    const running = async () =>
      (await engine.listContainers({ all: true })).filter((c) => c.Command.includes(`${m}-sta`));
    expect((await running()).length).toBe(1);
    // A second viewer (a reload) gets what was logged so far, then follows.
    expect(await waitForLog(s.dev, res.body.id, (t) => t.includes(`${m}-started`), 5000)).toMatch(
      /Step 2\/\d+ : RUN/,
    );
    const c = await s.dev.post(`/builds/${res.body.id}/cancel`);
    expect(c.status).toBe(200);
    const { build, log } = await finish(s.dev, res.body.id);
    expect(build.status).toBe("cancelled");
    expect(log).not.toContain(`${m}-never`);
    const deadline = Date.now() + 20_000;
    while ((await running()).length > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    expect(await running()).toEqual([]);
    expect(leftovers(s)).toEqual([]);
  });

  it("queues builds past the tenant's limit (2) with a visible position, and cancels a queued one", async () => {
    const m = uniq("q");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await s.dev.post("/builds", inline(`FROM ${BASE}\nRUN echo ${m}-${i} && sleep 30\n`))).body.id,
      );
    const third = (await s.dev.get(`/builds/${ids[2]}`)).body;
    expect(third.status).toBe("queued");
    expect(third.queuePosition).toBe(1);
    expect((await s.dev.post(`/builds/${ids[2]}/cancel`)).body.status).toBe("cancelled");
    for (const id of ids.slice(0, 2)) await s.dev.post(`/builds/${id}/cancel`);
    for (const id of ids.slice(0, 2)) expect((await finish(s.dev, id)).build.status).toBe("cancelled");
    expect((await s.dev.post(`/builds/${ids[0]}/cancel`)).status).toBe(409);
  });

  it("keeps builds inside their tenant: another tenant's member gets 404, a viewer cannot build or cancel", async () => {
    const t2 = await s.admin.post("/tenants", { name: uniq("Other") });
    const { client: outsider } = await createUserClient(s.admin, `${uniq("out")}@wharf.test`, {
      memberships: [{ tenantId: t2.body.id, role: "developer" }],
    });
    const { client: viewer } = await createUserClient(s.admin, `${uniq("view")}@wharf.test`, {
      memberships: [{ tenantId: s.tenantId, role: "viewer" }],
    });
    const list = (await s.dev.get(`/builds?projectId=${s.projectId}`)).body.items;
    expect(list.length).toBeGreaterThan(0);
    const id = list[0].id;
    expect((await outsider.get(`/builds/${id}`)).status).toBe(404);
    expect((await outsider.get(`/builds/${id}/log`)).status).toBe(404);
    expect((await outsider.post(`/builds/${id}/cancel`)).status).toBe(404);
    expect((await outsider.get(`/builds`)).body.items).toEqual([]);
    expect((await outsider.post("/builds", inline(`FROM ${BASE}\n`))).status).toBe(404);
    expect((await viewer.get(`/builds/${id}`)).status).toBe(200);
    expect((await viewer.post("/builds", inline(`FROM ${BASE}\n`))).status).toBe(403);
    // The host must be granted to the project's tenant.
    await s.admin.put(`/hosts/${s.hostId}/grants`, { tenantIds: [] });
    try {
      const r = await s.dev.post("/builds", inline(`FROM ${BASE}\n`));
      expect(r.status).toBe(404);
      expect(r.body.error.message).toMatch(/Host not found/);
    } finally {
      await s.admin.put(`/hosts/${s.hostId}/grants`, { tenantIds: [s.tenantId] });
    }
    expect((await imagesOf(`wharf.project=${s.projectId}`)).length).toBeGreaterThan(0);
  });
});
