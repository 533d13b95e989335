import fs from "node:fs";
import { expect, test } from "@playwright/test";
import Docker from "dockerode";
import { developerOnLocalHost, expectJson as json } from "./helpers";
import { stripBuildKeys } from "../lib/deploy/strip-build";
import { freePort } from "../tests/helpers/free-port";

declare global {
  interface Window {
    /** The progress lines seen during the deploy (set by the page script below). */
    __progress?: string[];
  }
}

const docker = new Docker({ socketPath: "/var/run/docker.sock" });
const shots = !!process.env.DEPLOY_SCREENSHOTS;

test("a developer pastes the voting app, reviews the plan, deploys, watches it come up and scales worker 3 → 1", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const { tenant, dev, headers } = await developerOnLocalHost(page, browser, baseURL!, "Deploy");
  const p = dev.page;
  try {
    await p.setViewportSize({ width: 1280, height: 800 });
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Voting" }, headers }),
    );
    const running = p.getByTestId("counter-running");

    await p.goto(`/projects/${project.id}`);
    await expect(p.getByText("No apps yet")).toBeVisible();
    await expect(running).toHaveText("0");
    if (shots) await p.screenshot({ path: "docs/screenshots/project-apps-empty.png" });
    await p.getByRole("link", { name: "New app" }).click();
    await p.getByLabel("App name").fill("voting-app");

    // Paste the voting-app compose file (on free host ports) into the editor, as a clipboard paste.
    const [votePort, resultPort] = [await freePort(), await freePort()];
    const compose = stripBuildKeys(fs.readFileSync("examples/voting-app/docker-compose.yml", "utf8"))
      .replace('"5000:80"', `"${votePort}:80"`)
      .replace('"5001:80"', `"${resultPort}:80"`);
    const editor = p.getByTestId("compose-editor").locator(".cm-content");
    await editor.click();
    await editor.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, compose);
    await expect(p.getByTestId("compose-valid")).toBeVisible();

    await p.getByRole("button", { name: "Review plan" }).click();
    const plan = p.getByTestId("plan");
    await expect(plan).toContainText("8 changes to apply");
    for (const s of ["vote", "result", "worker", "redis", "db"])
      await expect(plan.getByTestId(`plan-${s}`)).toContainText("create");
    await expect(p.getByTestId("plan-usage")).toContainText("5/20 containers");
    if (shots) {
      await plan.scrollIntoViewIfNeeded();
      await p.screenshot({ path: "docs/screenshots/app-new-plan.png" });
    }

    // Record the live progress lines as they render (the page moves on to the app once the deploy is done).
    await p.evaluate(() => {
      const seen: string[] = (window.__progress = []);
      new MutationObserver(() => {
        for (const li of document.querySelectorAll('[data-testid="progress"] li'))
          if (!seen.includes(li.textContent ?? "")) seen.push(li.textContent ?? "");
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await p.getByRole("button", { name: "Deploy" }).click();
    await expect(p).toHaveURL(/\/apps\/[a-z0-9]+$/, { timeout: 120_000 });
    const progress: string[] = await p.evaluate(() => window.__progress ?? []);
    for (const phase of ["creating", "starting", "healthy"])
      expect(
        progress.some((l) => l.includes(phase)),
        progress.join("\n"),
      ).toBe(true);
    for (const s of ["vote", "result", "worker", "redis", "db"])
      await expect(p.getByTestId(`replicas-${s}`)).toHaveText("1/1");
    await expect(running).toHaveText("5");
    await expect(p.getByTestId("revision-1")).toContainText("succeeded");

    // Scale worker to 3 and back to 1 from the app page (staged, previewed, applied); the counts follow.
    const worker = p.getByTestId("service-worker");
    await worker.getByLabel("Desired replicas of worker").fill("3");
    await p.getByRole("button", { name: "Preview" }).click();
    await p.getByRole("button", { name: "Apply" }).click();
    await expect(p.getByTestId("replicas-worker")).toHaveText("3/3", { timeout: 60_000 });
    await expect(running).toHaveText("7");
    if (shots) await p.screenshot({ path: "docs/screenshots/app-page.png" });
    await worker.getByRole("button", { name: "Fewer replicas of worker" }).click();
    await worker.getByRole("button", { name: "Fewer replicas of worker" }).click();
    await p.getByRole("button", { name: "Preview" }).click();
    await p.getByRole("button", { name: "Apply" }).click();
    await expect(p.getByTestId("replicas-worker")).toHaveText("1/1", { timeout: 60_000 });
    await expect(running).toHaveText("5");
    await expect(p.getByTestId("revision-3")).toContainText("scale worker to 1");

    await p.goto(`/projects/${project.id}`);
    await expect(p.getByTestId("app-row-voting-app")).toContainText("running");
    if (shots) await p.screenshot({ path: "docs/screenshots/project-apps.png" });
  } finally {
    const apps = (await (await p.request.get("/api/v1/apps")).json()).items ?? [];
    for (const a of apps) await p.request.delete(`/api/v1/apps/${a.id}?volumes=true`, { headers });
    for (const c of await docker.listContainers({
      all: true,
      filters: { label: [`wharf.tenant=${tenant.id}`] },
    }))
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {});
    await dev.context.close();
  }
});
