// Ad-hoc (not committed): the app page of the voting app on the three-node Swarm, at 1440 and 390 px.
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { upCluster, downCluster } from "../tests/swarm/cluster";
import { ApiClient } from "../tests/helpers/api-client";
import { startWharfServer } from "../tests/helpers/wharf-server";
import { stripBuildKeys } from "../lib/deploy/strip-build";

async function main() {
  const c = upCluster();
  const server = await startWharfServer();
  try {
    const admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
    const host = (await admin.post("/hosts", { name: "swarm-manager", url: c.managerUrl })).body;
    const tenant = (await admin.post("/tenants", { name: "Acme", maxContainers: 100, maxMemoryMb: 65536, maxCpus: 64 })).body;
    await admin.put(`/hosts/${host.id}/grants`, { tenantIds: [tenant.id] });
    const project = (await admin.post("/projects", { tenantId: tenant.id, name: "Shop" })).body;
    const compose = stripBuildKeys(fs.readFileSync("examples/voting-app/docker-stack.yml", "utf8"));
    const app = (await admin.post(`/projects/${project.id}/apps`, { name: "voting-app", hostId: host.id, mode: "swarm", source: { type: "compose", compose } })).body.app;
    const d = await admin.post(`/apps/${app.id}/deploy`, { source: { type: "compose", compose } });
    console.log("deploy", d.status);
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const [name, value] = admin.cookie.split("=");
    await ctx.addCookies([{ name, value, url: server.baseUrl }]);
    const page = await ctx.newPage();
    await page.goto(`${server.baseUrl}/apps/${app.id}`);
    await page.getByTestId("task-node").first().waitFor();
    await page.screenshot({ path: "docs/screenshots/app-swarm-nodes.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 1400 });
    await page.screenshot({ path: ".shots/app-swarm-390.png", fullPage: true });
    await page.goto(`${server.baseUrl}/swarm`);
    await page.waitForTimeout(3000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: ".shots/swarm-1440.png", fullPage: true });
    await browser.close();
    await admin.delete(`/apps/${app.id}?volumes=true`);
  } finally {
    await server.stop();
    downCluster(c);
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
