// Issue 16: an app from a git repository. A real git host (git http-backend behind HTTPS with its own
// certificate, given to the server's git as GIT_SSL_CAINFO) reached by a developer through the admin egress
// allow-list. The app deploys, and each file of its folder took effect in the containers: a relative build, an
// env_file, an include, an extends from another file and a file secret. Escapes are refused with nothing
// created. A push through the signed webhook makes a new revision whose plan names the changed service, and a
// rollback returns to the previous commit. Polling (at an interval the developer sets, above the server's
// minimum) deploys each new commit once.
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containers, expectShopRunning, sh, shopFolder } from "./shop-folder";
import { removeImagesOf } from "../builds/helpers";
import { adminClient, eventually, localHostId, removeTenantObjects, setupTenant } from "../deploy/helpers";
import { gitHost } from "../egress/servers";
import { allowEgress } from "../helpers/egress";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";
import type { TenantSetup } from "../deploy/helpers";

let server: WharfServer;
let git: Awaited<ReturnType<typeof gitHost>>;
let t: TenantSetup;
let hostId = "";
let root = "";
let work = "";
let url = "";

const gitIn = (...args: string[]) =>
  execFileSync("git", ["-c", "user.email=t@wharf.test", "-c", "user.name=t", ...args], {
    cwd: work,
  }).toString();
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
  fs.writeFileSync(path.join(work, rel), text);
};
const commit = (message: string) => {
  gitIn("add", "-A");
  gitIn("commit", "-q", "-m", message);
  gitIn("push", "-q", "origin", "HEAD:main");
  return gitIn("rev-parse", "HEAD").trim();
};

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-repo-host-"));
  work = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-repo-work-"));
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", path.join(root, "shop.git")]);
  execFileSync("git", ["init", "-q", "-b", "main", work]);
  gitIn("remote", "add", "origin", path.join(root, "shop.git"));
  for (const [name, text] of Object.entries(shopFolder("from-env-file", "built from the folder")))
    write(name, text);
  commit("first");
  git = await gitHost(root);
  url = `https://127.0.0.1:${git.port}/shop.git`;
  // The polling minimum lowered to 2 s so the polling test takes seconds (the default is 60).
  server = await startWharfServer({
    env: { GIT_SSL_CAINFO: git.caFile, WHARF_REPOSITORY_POLL_MIN_SECONDS: "2" },
  });
  const admin = await adminClient(server);
  hostId = await localHostId(admin);
  t = await setupTenant(admin, hostId, `Repo ${Date.now().toString(36)}`);
  await allowEgress(admin, `127.0.0.1:${git.port}`, "the test's git host");
}, 120_000);

afterAll(async () => {
  if (t) {
    await removeTenantObjects([t.tenantId]);
    await removeImagesOf(t.tenantId);
  }
  await server?.stop();
  await git?.close();
  for (const d of [root, work]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe("an app from a repository", () => {
  let appId = "";
  let first = "";

  it("deploys: the relative build, env_file, include, extends.file and file secret took effect in the containers", async () => {
    first = gitIn("rev-parse", "HEAD").trim();
    const source = { type: "repository", repository: { url, ref: "main" } };
    const created = await t.dev.post(`/projects/${t.projectId}/apps`, { name: "shop", hostId, source });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.plan.commit).toBe(first);
    appId = created.body.app.id;
    const dep = await t.dev.post(`/apps/${appId}/deploy`, { source });
    expect(dep.status, JSON.stringify(dep.body)).toBe(200);
    await expectShopRunning(appId, "built from the folder", "from-env-file");
    const builds = await t.dev.get(`/builds?appId=${appId}`);
    expect(builds.body.items.map((b: { status: string }) => b.status)).toEqual(["succeeded"]);
    const revs = await t.dev.get(`/apps/${appId}/revisions`);
    expect(revs.body.items[0]).toMatchObject({ number: 1, commit: first, sourceType: "repository" });
  });

  it.each([
    ["..", "env_file: ../../etc/hostname", "compose.services.web.env_file", /outside/],
    ["a symlink out", "env_file: out/hostname", "compose.services.web.env_file", /symbolic link/],
    ["an absolute path", "env_file: /etc/hostname", "compose.services.web.env_file", /absolute path/],
    ["file:///etc", "env_file: file:///etc/hostname", "compose.services.web.env_file", /URL/],
  ])("refuses %s with nothing created", async (_what, line, field, why) => {
    fs.rmSync(path.join(work, "out"), { force: true });
    fs.symlinkSync("/etc", path.join(work, "out"));
    write("escape.yaml", `services:\n  web:\n    image: redis:alpine\n    ${line}\n`);
    commit(`escape ${line}`);
    const source = { type: "repository", repository: { url, ref: "main", composeFile: "escape.yaml" } };
    const res = await t.dev.post(`/projects/${t.projectId}/apps`, { name: "escape", hostId, source });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.message).toMatch(why);
    expect(Object.keys(res.body.error.fields)).toEqual([field]);
    const apps = await t.dev.get(`/projects/${t.projectId}/apps`);
    expect(apps.body.items.map((a: { name: string }) => a.name)).toEqual(["shop"]);
  });

  it("a signed push makes a new revision whose plan names the changed service; rollback returns to the first commit", async () => {
    write("web.env", "GREETING=second-commit\n");
    const second = commit("second");
    const plan = await t.dev.post(`/apps/${appId}/plan`, {
      source: { type: "repository", repository: { url, ref: "main" } },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body.commit).toBe(second);
    expect(plan.body.diff).toEqual([{ service: "web", change: "changed", keys: ["environment"] }]);
    const hook = await t.dev.get(`/hooks/${appId}`);
    const body = JSON.stringify({ ref: "refs/heads/main", after: second });
    const signature = `sha256=${createHmac("sha256", hook.body.secret).update(body).digest("hex")}`;
    const res = await fetch(`${server.baseUrl}/api/v1/hooks/${appId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signature },
      body,
    });
    expect(res.status).toBe(202);
    const rev = await eventually(
      async () => (await t.dev.get(`/apps/${appId}/revisions`)).body.items[0],
      (top) => top.number === 2 && top.outcome !== "pending",
      120_000,
    );
    expect(rev.outcome).toBe("succeeded");
    expect(rev.commit).toBe(second);
    expect(rev.message).toMatch(/web: environment/);
    const [web] = await containers(appId, "web");
    expect(sh(web.Id, "echo $GREETING")).toBe("second-commit");
    const back = await t.dev.post(`/apps/${appId}/rollback`, { revision: 1 });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    const [rolled] = await containers(appId, "web");
    expect(sh(rolled.Id, "echo $GREETING")).toBe("from-env-file");
    const revs = await t.dev.get(`/apps/${appId}/revisions`);
    expect(revs.body.items[0]).toMatchObject({ number: 3, commit: first });
  });

  it("polling at the interval set deploys each new commit once, and a commit whose deploy fails is not retried", async () => {
    write(
      "polled.yaml",
      "services:\n  web:\n    build: ./web\n    command: [sleep, '3600']\n    env_file: poll.env\n",
    );
    write("poll.env", "GREETING=first-poll\n");
    commit("polled app");
    gitIn("push", "-q", "origin", "HEAD:poll");
    const repository = { url, ref: "poll", composeFile: "polled.yaml", pollSeconds: 2 };
    const tooOften = await t.dev.post(`/projects/${t.projectId}/apps`, {
      name: "polled",
      hostId,
      source: { type: "repository", repository: { ...repository, pollSeconds: 1 } },
    });
    expect(tooOften.status).toBe(422);
    expect(tooOften.body.error.fields).toEqual({
      "source.repository.pollSeconds": "must be 0 (off) or at least 2 seconds",
    });
    const source = { type: "repository", repository };
    const created = await t.dev.post(`/projects/${t.projectId}/apps`, { name: "polled", hostId, source });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const polledId = created.body.app.id;
    expect((await t.dev.post(`/apps/${polledId}/deploy`, { source })).status).toBe(200);
    const push = (message: string) => {
      gitIn("add", "-A");
      gitIn("commit", "-q", "-m", message);
      gitIn("push", "-q", "origin", "HEAD:poll");
      return gitIn("rev-parse", "HEAD").trim();
    };
    write("poll.env", "GREETING=second-poll\n");
    const second = push("second poll");
    const rev = await eventually(
      async () => (await t.dev.get(`/apps/${polledId}/revisions`)).body.items[0],
      (top) => top.number === 2 && top.outcome !== "pending",
      60_000,
    );
    expect(rev).toMatchObject({ outcome: "succeeded", commit: second });
    const [web] = await containers(polledId, "web");
    expect(sh(web.Id, "echo $GREETING")).toBe("second-poll");
    // Two more polls later: still one build per commit (a service that builds is rebuilt by every deploy).
    const polls = async (n: number) => {
      const start = Date.parse((await t.dev.get(`/hooks/${polledId}`)).body.repository.lastPolledAt);
      await eventually(
        async () => Date.parse((await t.dev.get(`/hooks/${polledId}`)).body.repository.lastPolledAt),
        (at) => at >= start + n * 2000,
        30_000,
      );
    };
    await polls(2);
    const builds = await t.dev.get(`/builds?appId=${polledId}`);
    expect(builds.body.items).toHaveLength(2);
    write("polled.yaml", "services:\n  web: [not, a, service]\n");
    const broken = push("broken");
    await eventually(
      async () => (await t.dev.get(`/hooks/${polledId}`)).body.repository.lastCommit,
      (c) => c === broken,
      30_000,
    );
    await polls(2);
    expect((await t.dev.get(`/hooks/${polledId}`)).body.repository.lastCommit).toBe(broken);
    const revs = await t.dev.get(`/apps/${polledId}/revisions`);
    expect(revs.body.items).toHaveLength(2);
    expect((await t.dev.get(`/builds?appId=${polledId}`)).body.items).toHaveLength(2);
  });
});
