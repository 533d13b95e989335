// The webhook: a push signed with the app's secret (GitHub or Gitea format) rebuilds the app's git
// source and redeploys it as a new revision; a wrongly signed one is refused and audited.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, engine, finish, makeRepo, startSuite, stopSuite, uniq, type Suite } from "./helpers";
import { createUserClient } from "../helpers/api-client";

let s: Suite;
let appId = "";
beforeAll(async () => {
  s = await startSuite();
});
afterAll(async () => {
  if (appId) await s.admin.delete(`/apps/${appId}`);
  await stopSuite(s);
});

const sign = (secret: string, body: string) => createHmac("sha256", secret).update(body).digest("hex");
const hook = (body: string, headers: Record<string, string>) =>
  fetch(`${s.server.baseUrl}/api/v1/hooks/${appId}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });

describe("webhook", () => {
  let secret = "";
  let repo: ReturnType<typeof makeRepo>;

  it("configures an app's build source and gives developers its secret URL", async () => {
    const source = { type: "image", image: { service: "web", image: BASE, command: ["sleep", "3600"] } };
    const created = await s.dev.post(`/projects/${s.projectId}/apps`, {
      name: uniq("web").toLowerCase().slice(0, 20),
      hostId: s.hostId,
      source,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    appId = created.body.app.id;
    const deployed = await s.dev.post(`/apps/${appId}/deploy`, { source });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);
    repo = makeRepo(s.tmpDir, uniq("hook"));
    // A local path: only an admin may configure it.
    expect((await s.dev.put(`/hooks/${appId}`, { git: { url: repo.dir, ref: "main" } })).status).toBe(422);
    const put = await s.admin.put(`/hooks/${appId}`, { git: { url: repo.dir, ref: "main" }, service: "web" });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    secret = put.body.secret;
    expect(secret).toMatch(/^whk_/);
    expect(put.body.url).toBe(`/api/v1/hooks/${appId}`);
    expect((await s.dev.get(`/hooks/${appId}`)).body.secret).toBe(secret);
    const t2 = await s.admin.post("/tenants", { name: uniq("Other") });
    const { client: outsider } = await createUserClient(s.admin, `${uniq("out")}@wharf.test`, {
      memberships: [{ tenantId: t2.body.id, role: "owner" }],
    });
    expect((await outsider.get(`/hooks/${appId}`)).status).toBe(404);
  });

  it("refuses a wrongly signed or unsigned call, and audits it", async () => {
    const body = JSON.stringify({ ref: "refs/heads/main" });
    const bad = await hook(body, { "x-hub-signature-256": `sha256=${sign("not-the-secret", body)}` });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.message).toMatch(/signature does not match/);
    expect((await hook(body, {})).status).toBe(401);
    expect((await hook(body, { "x-gitea-signature": sign(secret, body + " ") })).status).toBe(401);
    const audit = await s.admin.get(`/audit?action=app.webhook`);
    const denied = audit.body.items.filter(
      (e: { outcome: string; targetId: string }) => e.outcome === "denied" && e.targetId === appId,
    );
    expect(denied.length).toBe(3);
    expect(denied[0].tenantId).toBe(s.tenantId);
    expect((await s.dev.get(`/builds?appId=${appId}`)).body.items).toEqual([]);
  });

  it("accepts the Gitea signature format (a push to another branch is ignored)", async () => {
    const body = JSON.stringify({ ref: "refs/heads/other" });
    const res = await hook(body, { "x-gitea-signature": sign(secret, body) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ignored: true });
  });

  it("rebuilds from the new commit and redeploys the app as a new revision", async () => {
    const sha = repo.commit("three");
    const body = JSON.stringify({ ref: "refs/heads/main", after: sha });
    const headers = {
      "x-hub-signature-256": `sha256=${sign(secret, body)}`,
      "x-github-event": "push",
      "x-github-delivery": uniq("delivery"),
    };
    const res = await hook(body, headers);
    expect(res.status).toBe(202);
    const { buildId } = await res.json();
    // The forge retries the same delivery (its id recorded in the database): answered, nothing done again.
    const again = await hook(body, headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ duplicate: true, deliveryId: headers["x-github-delivery"] });
    const { build, log } = await finish(s.dev, buildId);
    expect(build.status, log).toBe("succeeded");
    expect(build.appId).toBe(appId);
    expect(build.commit).toBe(sha);
    expect(log).toContain("-three");
    expect(log).toMatch(/Revision 2 deployed/);
    const revisions = (await s.dev.get(`/apps/${appId}/revisions`)).body.items;
    expect(revisions[0]).toMatchObject({
      number: 2,
      outcome: "succeeded",
      sourceType: "build",
      current: true,
    });
    expect(revisions[0].message).toContain(`webhook build ${buildId}`);
    expect((await s.dev.get(`/builds?appId=${appId}`)).body.items.map((b: { id: string }) => b.id)).toEqual([
      buildId,
    ]);
    const containers = await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
    expect(containers.length).toBe(1);
    expect(containers[0].ImageID).toBe(build.imageId);
  });
});
