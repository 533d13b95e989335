// Issue 16, item 2: a developer creates an app from an uploaded archive of its folder (New app → Archive), deploys
// it, then uploads a changed archive from the app page and sees the plan's per-service diff and the new revision.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  deployReviewedPlan,
  developerOnLocalHost,
  expectJson as json,
  firstContainerEnv,
  removeTenantEngineObjects,
  shotWidths,
} from "./helpers";

/** A tar.gz of a folder `site/` holding the compose file and the env_file it names. */
function archiveOf(dir: string, color: string): { name: string; mimeType: string; buffer: Buffer } {
  const site = path.join(dir, "site");
  fs.mkdirSync(site, { recursive: true });
  fs.writeFileSync(
    path.join(site, "compose.yaml"),
    "services:\n  web:\n    image: redis:alpine\n    command: [sleep, '3600']\n    env_file: web.env\n",
  );
  fs.writeFileSync(path.join(site, "web.env"), `COLOR=${color}\n`);
  const buffer = execFileSync("tar", ["-czf", "-", "-C", dir, "site"]);
  return { name: `site-${color}.tar.gz`, mimeType: "application/gzip", buffer };
}

test("an app from an archive: upload, deploy, a new upload shows its diff and makes a new revision", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-e2e-archive-"));
  const { tenant, dev, headers } = await developerOnLocalHost(page, browser, baseURL!, "Archive");
  const p = dev.page;
  try {
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Site" }, headers }),
    );
    await p.goto(`/apps/new?project=${project.id}`);
    await p.getByLabel("App name").fill("site");
    await p.getByRole("tab", { name: "Archive" }).click();
    await p.getByLabel("Archive of the app's folder").setInputFiles(archiveOf(dir, "blue"));
    await p.getByRole("button", { name: "Review plan" }).click();
    await expect(p.getByTestId("plan-diff")).toContainText("web added");
    await expect(p.getByTestId("archive-form")).toContainText("Uploaded site-blue.tar.gz");
    await shotWidths(p, "archive-plan");
    const appId = await deployReviewedPlan(p);
    expect(await firstContainerEnv(appId)).toContain("COLOR=blue");

    await p.getByRole("button", { name: "Change and redeploy…" }).click();
    await expect(p.getByRole("tab", { name: "Archive" })).toHaveAttribute("aria-selected", "true");
    await p.getByLabel("Archive of the app's folder").setInputFiles(archiveOf(dir, "green"));
    await p.getByRole("button", { name: "Review plan" }).click();
    await expect(p.getByTestId("plan-diff")).toContainText("web changed: environment");
    await p.getByRole("button", { name: "Deploy", exact: true }).click();
    const row = p.getByTestId("revision-2");
    await expect(row).toContainText("succeeded", { timeout: 60_000 });
    await expect(row).toContainText("archive site-green.tar.gz — web: environment");
  } finally {
    await dev.context.close();
    await removeTenantEngineObjects(tenant.id);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
