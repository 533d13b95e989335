// Screenshots of the main pages at 1440 px, to compare a refactor's before and after (issue 17):
//   npx next build && npx tsx scripts/code-health-screenshots.ts <before|after> [port]
// Starts the production server on a fresh database (scripts/e2e-server.sh), seeds one tenant, project, app and
// build through the API, photographs each page into docs/screenshots/code-health/<set>/, then removes the app
// and stops only the server it started. Not part of the test suite.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { chromium, type APIRequestContext, type Page } from "@playwright/test";

const set = process.argv[2];
if (!set || !/^[a-z0-9-]+$/.test(set))
  throw new Error("usage: code-health-screenshots.ts <set name, e.g. before> [port]");
const port = Number(process.argv[3] ?? 3190);
const base = `http://127.0.0.1:${port}`;
const out = `docs/screenshots/code-health/${set}`;
const admin = { email: "admin@wharf.test", password: "e2e-admin-password-0123" };
const headers = { origin: base };

async function waitForServer() {
  for (let i = 0; i < 240; i++) {
    const up = await fetch(`${base}/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not answer");
}

async function json(req: APIRequestContext, method: "get" | "post" | "put", path: string, data?: unknown) {
  const res = await req[method](path, { data, headers });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

async function seed(req: APIRequestContext) {
  const tenant = await json(req, "post", "/api/v1/tenants", { name: "Acme" });
  const hosts = await json(req, "get", "/api/v1/hosts");
  const local = hosts.items.find((h: { name: string }) => h.name === "local");
  await json(req, "put", `/api/v1/hosts/${local.id}/grants`, { tenantIds: [tenant.id] });
  await json(req, "post", "/api/v1/users", {
    email: "dev@acme.test",
    memberships: [{ tenantId: tenant.id, role: "developer" }],
  });
  const project = await json(req, "post", "/api/v1/projects", { tenantId: tenant.id, name: "Shop" });
  const { app } = await json(req, "post", `/api/v1/projects/${project.id}/apps`, {
    name: "web",
    hostId: local.id,
    mode: "standalone",
  });
  await json(req, "post", `/api/v1/apps/${app.id}/deploy`, {
    source: {
      type: "compose",
      compose: `services:\n  web:\n    image: wharf-busybox:latest\n    command: ["sleep", "3600"]\n    deploy:\n      replicas: 2\n`,
    },
  });
  const build = await json(req, "post", "/api/v1/builds", {
    sourceType: "inline",
    projectId: project.id,
    hostId: local.id,
    tags: ["shop-web:1"],
    inline: { dockerfile: 'FROM wharf-busybox:latest\nRUN echo "built"\nCMD ["sh"]\n' },
  });
  for (let i = 0; i < 120; i++) {
    const b = await json(req, "get", `/api/v1/builds/${build.id}`);
    if (!["queued", "running"].includes(b.status)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  // A rule (in-app only: a channel's target would have to pass the egress policy) so the rules list has a row.
  await json(req, "post", "/api/v1/alert-rules", { tenantId: tenant.id, name: "Restarts", kind: "restarts" });
  return { app, build, hostId: local.id };
}

async function shoot(page: Page, name: string, path: string) {
  await page.goto(path);
  await page.getByRole("main").waitFor();
  await page.waitForLoadState("load");
  // Loaded once no skeleton is left (a busy engine can keep the cluster page reading for seconds).
  await page
    .locator("[data-skeleton]")
    .first()
    .waitFor({ state: "detached", timeout: 30_000 })
    .catch(() => {});
  // Live data (SSE, queries) settles after the first paint; a photo is not an assertion.
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
}

/** A page with one of its dialogs open (the form boilerplate the refactor shares). */
async function shootDialog(page: Page, name: string, path: string, button: string) {
  await page.goto(path);
  await page.getByRole("main").waitFor();
  await page.waitForLoadState("load");
  await page.waitForTimeout(1500);
  await page.getByRole("button", { name: button, exact: true }).first().click();
  await page.getByRole("dialog").waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/${name}.png` });
}

const server = spawn("bash", ["scripts/e2e-server.sh"], {
  env: { ...process.env, PORT: String(port) },
  stdio: "ignore",
  detached: true,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"],
});
let cleanup = async () => {};
try {
  await waitForServer();
  fs.mkdirSync(out, { recursive: true });
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  const { app, build, hostId } = await seed(page.request);
  cleanup = async () => void (await page.request.delete(`/api/v1/apps/${app.id}?volumes=true`, { headers }));
  const pages: [string, string][] = [
    ["overview", "/"],
    ["apps", "/apps"],
    ["app", `/apps/${app.id}`],
    ["containers", "/containers"],
    ["builds", "/builds"],
    ["build", `/builds/${build.id}`],
    ["images", "/images"],
    ["hosts", "/hosts"],
    ["host", `/hosts/${hostId}`],
    ["admin-tenants", "/admin/tenants"],
    ["admin-users", "/admin/users"],
    ["admin-audit", "/admin/audit"],
    ["projects", "/projects"],
    ["registries", "/registries"],
    ["alert-rules", "/alerts/rules"],
    ["alert-channels", "/alerts/channels"],
    ["host-resources", `/hosts/${hostId}/resources`],
    ["alerts", "/alerts"],
    ["swarm", "/swarm"],
    ["cluster", "/cluster"],
    ["templates", "/templates"],
    ["timeline", "/timeline"],
    ["admin-egress", "/admin/egress"],
  ];
  for (const [name, path] of pages) await shoot(page, name, path);
  // One of the seeded app's (running) containers: its page (overview) and its stats tab.
  await page.goto("/containers?q=acme_shop_web_web_1");
  const container = page.locator('a[href^="/containers/"][title="wharf_acme_shop_web_web_1"]').first();
  await container.waitFor();
  const containerPath = await container.getAttribute("href");
  await shoot(page, "container", `${containerPath}`);
  await shoot(page, "container-stats", `${containerPath}?tab=stats`);
  const dialogs: [string, string, string][] = [
    ["dialog-rule", "/alerts/rules", "Add rule"],
    ["dialog-rule-edit", "/alerts/rules", "Edit"],
    ["dialog-rule-delete", "/alerts/rules", "Delete"],
    ["dialog-channel", "/alerts/channels", "Add channel"],
    ["dialog-tenant", "/admin/tenants", "New tenant"],
    ["dialog-members", "/admin/tenants", "Members"],
    ["dialog-host", "/hosts", "Add host"],
    ["dialog-project", "/projects", "New project"],
    ["dialog-project-delete", "/projects", "Delete"],
    ["dialog-registry", "/registries", "Add registry"],
  ];
  for (const [name, path, button] of dialogs) await shootDialog(page, name, path, button);
} finally {
  await cleanup().catch(() => {});
  await browser.close();
  if (server.pid) process.kill(-server.pid, "SIGTERM");
}
