// Preview environments (issue 23, docs/edge.md): a signed pull_request webhook deploys a copy of an app from a
// repository (a real git host over HTTPS) at pr-<n>.<its domain>, served by a Caddy of the test's own; the close
// webhook removes it and nothing of it is left on the engine. Forged signatures, another app's hook and branch
// names with shell or path characters are refused or ignored.
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  objectsWithLabel,
  setBaseDomains,
  startAdminWorld,
  type AdminWorld,
  type TenantSetup,
} from "../deploy/helpers";
import { gitHost } from "../egress/servers";
import { curl, startedCaddy, type TestCaddy } from "../helpers/caddy";
import { allowEgress } from "../helpers/egress";
import { until } from "../helpers/until";

const AUTH_PASSWORD = "preview-site-password-1";
const AUTH = ["-u", `team:${AUTH_PASSWORD}`];

let caddy: TestCaddy;
let world: AdminWorld;
let git: Awaited<ReturnType<typeof gitHost>>;
let a: TenantSetup;
let appId = "";
let otherAppId = "";
let secret = "";
let root = "";
let work = "";
const stamp = Date.now().toString(36);
const base = `p-${stamp}.apps.test`;
const host = `web.${base}`;

const gitIn = (...args: string[]) =>
  execFileSync("git", ["-c", "user.email=t@wharf.test", "-c", "user.name=t", ...args], {
    cwd: work,
  }).toString();
const page = (text: string) => `services:
  web:
    image: busybox:latest
    command: ["sh", "-c", "mkdir -p /www && echo '${text}' > /www/index.html && exec httpd -f -p 8080 -h /www"]
    volumes: [data:/data]
volumes:
  data: {}
`;
const commitTo = (branch: string, text: string) => {
  fs.writeFileSync(path.join(work, "compose.yaml"), page(text));
  gitIn("add", "-A");
  gitIn("commit", "-q", "-m", text);
  gitIn("push", "-q", "origin", `HEAD:${branch}`);
  return gitIn("rev-parse", "HEAD").trim();
};

const pull = (action: string, number: number, ref: string, sha: string) =>
  JSON.stringify({
    action,
    number,
    pull_request: {
      head: { ref, sha, repo: { full_name: "team/site" } },
      base: { repo: { full_name: "team/site" } },
    },
  });
const hook = (id: string, body: string, key = secret) =>
  fetch(`${world.server.baseUrl}/api/v1/hooks/${id}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "pull_request",
      "x-hub-signature-256": `sha256=${createHmac("sha256", key).update(body).digest("hex")}`,
    },
    body,
  });
const previews = async () => (await a.dev.get(`/apps/${appId}/previews`)).body;
/** The app's first preview once ready (a failed one fails the test with its message). */
const previewReady = (what: string) =>
  until(
    what,
    async () => {
      const p = (await previews()).items[0];
      if (p?.status === "failed") throw new Error(p.message);
      return p?.status === "ready" ? p : null;
    },
    180_000,
    1000,
  );

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-preview-host-"));
  work = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-preview-work-"));
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", path.join(root, "site.git")]);
  execFileSync("git", ["init", "-q", "-b", "main", work]);
  gitIn("remote", "add", "origin", path.join(root, "site.git"));
  commitTo("main", `main ${stamp}`);
  git = await gitHost(root);
  caddy = await startedCaddy();
  world = await startAdminWorld({
    env: { ...caddy.env, GIT_SSL_CAINFO: git.caFile, WHARF_PREVIEWS_PER_APP: "1" },
  });
  a = await world.tenant(`Preview A ${stamp}`);
  await allowEgress(world.admin, `127.0.0.1:${git.port}`, "the test's git host");
  await setBaseDomains(world.admin, a.tenantId, [base]);
  const source = {
    type: "repository",
    repository: { url: `https://127.0.0.1:${git.port}/site.git`, ref: "main" },
  };
  for (const name of ["site", "other"]) {
    const created = await a.dev.post(`/projects/${a.projectId}/apps`, { name, hostId: world.hostId, source });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const deployed = await a.dev.post(`/apps/${created.body.app.id}/deploy`, { source });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);
    if (name === "site") appId = created.body.app.id;
    else otherAppId = created.body.app.id;
  }
  // Password-protected: a preview of a protected site must be protected too (it keeps the parent's basic auth).
  const attached = await a.dev.post(`/apps/${appId}/domains`, {
    host,
    service: "web",
    port: 8080,
    basicAuth: { username: "team", password: AUTH_PASSWORD },
  });
  expect(attached.status, JSON.stringify(attached.body)).toBe(201);
  secret = (await a.dev.get(`/hooks/${appId}`)).body.secret;
}, 240_000);

afterAll(async () => {
  await world?.stop();
  caddy?.stop();
  await git?.close();
  for (const d of [root, work]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe("preview environments", () => {
  it("are off until a developer turns them on", async () => {
    const sha = commitTo("feature-1", `preview ${stamp}`);
    const res = await hook(appId, pull("opened", 1, "feature-1", sha));
    expect(await res.json()).toMatchObject({ ignored: true, reason: "previews are turned off for this app" });
    const on = await a.dev.put(`/apps/${appId}/previews`, { enabled: true });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body).toMatchObject({ enabled: true, perApp: 1, items: [] });
  });

  it("an opened request deploys pr-1.<domain> from its branch, served over HTTPS through Caddy", async () => {
    const sha = gitIn("rev-parse", "HEAD").trim();
    const res = await hook(appId, pull("opened", 1, "feature-1", sha));
    expect(res.status).toBe(202);
    const ready = await previewReady("the preview to be deployed");
    expect(ready).toMatchObject({ number: 1, branch: "feature-1", fromFork: false });
    expect(ready.urls).toEqual([`https://pr-1.${host}:${caddy.httpsPort}/`]);
    const body = await until(
      "the preview's page",
      async () => {
        const r = await curl(caddy, ready.urls[0], AUTH);
        return r.status === 200 && r.body;
      },
      30_000,
      500,
    );
    expect(body.trim()).toBe(`preview ${stamp}`);
    expect((await curl(caddy, ready.urls[0])).status).toBe(401);
    const main = await until(
      "the app's own page",
      async () => {
        const r = await curl(caddy, `https://${host}:${caddy.httpsPort}/`, AUTH);
        return r.status === 200 && r.body;
      },
      30_000,
      500,
    );
    expect(main.trim()).toBe(`main ${stamp}`);
  });

  it("refuses forged signatures and another app's hook, ignores hostile branch names and requests past the cap", async () => {
    const sha = gitIn("rev-parse", "HEAD").trim();
    expect((await hook(appId, pull("opened", 2, "feature-1", sha), "forged")).status).toBe(401);
    // Signed with site's secret, sent to other's hook: other's secret does not match.
    expect((await hook(otherAppId, pull("opened", 2, "feature-1", sha))).status).toBe(401);
    for (const ref of ["x;touch /tmp/wharf-pwned", "../../etc", "a\nb", "-c"]) {
      const res = await hook(appId, pull("opened", 3, ref, sha));
      expect(res.status, ref).toBe(200);
      expect(await res.json()).toMatchObject({ reason: "the branch name is not a plain git ref name" });
    }
    const capped = await hook(appId, pull("opened", 4, "feature-1", sha));
    expect(await capped.json()).toMatchObject({ reason: "at most 1 previews per app" });
    expect(fs.existsSync("/tmp/wharf-pwned")).toBe(false);
    expect((await previews()).items.map((p: { number: number }) => p.number)).toEqual([1]);
  });

  it("a closed request removes the copy with its volumes: nothing left on the engine", async () => {
    const copyId = (await previews()).items[0].previewAppId;
    expect((await objectsWithLabel(`wharf.app=${copyId}`)).volumes.length).toBe(1);
    const sha = gitIn("rev-parse", "HEAD").trim();
    expect((await hook(appId, pull("closed", 1, "feature-1", sha))).status).toBe(202);
    await until("the preview to be gone", async () => (await previews()).items.length === 0, 60_000, 500);
    const left = await objectsWithLabel(`wharf.app=${copyId}`);
    expect([left.containers, left.networks, left.volumes].map((l) => l.length)).toEqual([0, 0, 0]);
    expect((await a.dev.get(`/apps/${copyId}`)).status).toBe(404);
    const gone = await until(
      "the route to leave Caddy",
      async () => {
        const r = await curl(caddy, `https://pr-1.${host}:${caddy.httpsPort}/`, AUTH);
        return r.status !== 200 ? r : null;
      },
      20_000,
      500,
    );
    expect(gone.status).not.toBe(200);
  });

  it("removing the app removes its previews in the same request, not by the minute sweep", async () => {
    const sha = gitIn("rev-parse", "HEAD").trim();
    expect((await hook(appId, pull("reopened", 5, "feature-1", sha))).status).toBe(202);
    const ready = await previewReady("the second preview");
    const copyId = ready.previewAppId;
    expect((await objectsWithLabel(`wharf.app=${copyId}`)).containers.length).toBe(1);
    expect((await a.dev.delete(`/apps/${appId}`)).status).toBe(200);
    // Checked as soon as the DELETE answers: no wait, so the sweep (once a minute) cannot be what removed it.
    const left = await objectsWithLabel(`wharf.app=${copyId}`);
    expect([left.containers, left.networks, left.volumes].map((l) => l.length)).toEqual([0, 0, 0]);
    expect((await a.dev.get(`/apps/${copyId}`)).status).toBe(404);
    const routes = await (
      await fetch(`${caddy.adminUrl}/config/apps/http/servers/wharf-https/routes`)
    ).json();
    expect(JSON.stringify(routes ?? [])).not.toContain(`pr-5.${host}`);
  });
});
