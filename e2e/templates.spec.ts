// Issue 18, templates: a developer finds a template in the catalogue (grouped, searchable, by keyboard), fills its
// variables, picks the project and host, reviews the plan and deploys; the engine runs it with the values typed
// (the stand-in images an admin shared), and the secret never comes back to the page. At 1440 and 390 px.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import Docker from "dockerode";
import { deployReviewedPlan, developerOnLocalHost, expectJson as json, uniq } from "./helpers";
import { freePort } from "../tests/helpers/free-port";

const docker = new Docker({ socketPath: "/var/run/docker.sock" });
const shots = !!process.env.TEMPLATES_SCREENSHOTS;

const noHorizontalScroll = (p: Page) =>
  p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("deploy from a template: find it, fill its variables, plan, deploy, see it running", async ({
  page,
  browser,
  baseURL,
}, info) => {
  test.setTimeout(180_000);
  const { tenant, dev, headers } = await developerOnLocalHost(page, browser, baseURL!, "Tpl");
  const p = dev.page;
  const password = `pw-${randomBytes(6).toString("hex")}`;
  try {
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Catalogue" }, headers }),
    );
    await p.setViewportSize({ width: 1440, height: 900 });
    await p.goto("/templates");
    const samples = p.getByRole("region", { name: "Samples" });
    await expect(samples.getByRole("link", { name: "Deploy Voting app" })).toBeVisible();
    await expect(p.getByRole("region", { name: "Monitoring" })).toContainText("grafana/grafana-oss:11.1.0");
    await p.screenshot({ path: info.outputPath("templates-1440.png"), fullPage: true });
    if (shots) await p.screenshot({ path: "docs/screenshots/templates.png", fullPage: true });

    // The search narrows the cards (by image too) and says so when nothing matches.
    const search = p.getByRole("searchbox", { name: "Search templates" });
    await search.fill("no-such-template");
    await expect(p.getByText("No template matches")).toBeVisible();
    await search.fill("postgres");
    await expect(p.getByTestId("template-wordpress")).toHaveCount(0);
    await expect(p.getByTestId("template-gitea")).toBeVisible(); // its database is postgres:16
    // By keyboard: the card's link takes focus and Enter opens the template.
    await p.getByRole("link", { name: "Deploy PostgreSQL + Adminer" }).focus();
    await p.keyboard.press("Enter");
    await expect(p).toHaveURL(/\/templates\/postgres$/);

    const name = uniq("pg");
    const port = await freePort();
    await p.getByLabel("App name").fill(name);
    await expect(p.getByLabel("Project")).toHaveValue(project.id);
    await expect(p.getByLabel("Database password")).toHaveAttribute("type", "password");
    await expect(p.getByLabel("Database user (optional)")).toHaveValue("app");
    await p.getByLabel("Database password").fill(password);
    await p.getByLabel("Host port for Adminer (optional)").fill(String(port));
    await p.getByRole("button", { name: "Review plan" }).click();
    const plan = p.getByTestId("plan");
    await expect(plan).toContainText("create");
    await expect(plan).toContainText("adminer");
    await p.screenshot({ path: info.outputPath("template-plan-1440.png"), fullPage: true });
    if (shots) await p.screenshot({ path: "docs/screenshots/template-deploy.png", fullPage: true });

    const appId = await deployReviewedPlan(p);
    await expect(p.getByRole("heading", { name })).toBeVisible();

    // The engine runs both services, from the stand-ins, with the values typed; the page never shows the secret.
    const containers = await docker.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
    expect(containers.map((c) => c.State)).toEqual(["running", "running"]);
    const db = containers.find((c) => c.Image === "postgres:16")!;
    const env = (await docker.getContainer(db.Id).inspect()).Config.Env;
    expect(env).toEqual(expect.arrayContaining([`POSTGRES_PASSWORD=${password}`, "POSTGRES_USER=app"]));
    const adminer = containers.find((c) => c.Image === "adminer:4")!;
    expect(adminer.Ports.map((x) => x.PublicPort)).toContain(port);
    expect(await p.content()).not.toContain(password);

    // 390 px: the catalogue and the form fit the width.
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto("/templates");
    await expect(samples.getByRole("link", { name: "Deploy Voting app" })).toBeVisible();
    expect(await noHorizontalScroll(p)).toBe(true);
    await p.screenshot({ path: info.outputPath("templates-390.png") });
    if (shots) await p.screenshot({ path: "docs/screenshots/templates-mobile.png" });
    await p.goto("/templates/wordpress");
    await expect(p.getByLabel("Database root password")).toBeVisible();
    expect(await noHorizontalScroll(p)).toBe(true);
    await p.screenshot({ path: info.outputPath("template-form-390.png"), fullPage: true });
  } finally {
    await dev.context.close();
    const filters = { label: [`wharf.tenant=${tenant.id}`] };
    for (const c of await docker.listContainers({ all: true, filters }))
      await docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined);
    for (const n of await docker.listNetworks({ filters }))
      await docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined);
    for (const v of (await docker.listVolumes({ filters })).Volumes ?? [])
      await docker
        .getVolume(v.Name)
        .remove()
        .catch(() => undefined);
  }
});
