import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { developerOnLocalHost, expectJson as json, uniq, removeTenantImages } from "./helpers";
import { readEnvFile } from "../tests/helpers/env-file";

const shots = !!process.env.BUILDS_SCREENSHOTS;
const REGISTRY_ENV = "/run/wharf-test/registry.env";

test("a developer writes a Dockerfile, starts the build and watches its log arrive live, across a reload", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { tenant, dev, headers, localHostId } = await developerOnLocalHost(page, browser, baseURL!, "Builds");
  const p = dev.page;
  try {
    await p.setViewportSize({ width: 1280, height: 800 });
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Storefront" }, headers }),
    );

    await p.goto(`/projects/${project.id}`);
    await expect(p.getByText("No builds yet")).toBeVisible();
    await p.getByRole("link", { name: "New build" }).first().click();
    await expect(p).toHaveURL(/\/builds\/new\?projectId=/);
    await expect(p.getByRole("radio", { name: "Write a Dockerfile" })).toBeChecked();

    // The RUN step prints a line, sleeps, then prints another; quotes keep the markers out of the step's own command line.
    const m = uniq("e2e");
    await p
      .getByLabel("Dockerfile", { exact: true })
      .fill(
        `FROM wharf-busybox:latest\nRUN echo "first-""${m}" && sleep 6 && echo "second-""${m}"\nCMD ["sh"]\n`,
      );
    await p.getByLabel("Tags").fill("storefront:e2e");
    if (shots) {
      await p.getByTestId("scoped-tags").scrollIntoViewIfNeeded();
      await p.screenshot({ path: "docs/screenshots/build-new.png" });
    }
    await p.getByRole("button", { name: "Start build" }).click();
    await expect(p).toHaveURL(/\/builds\/[a-z0-9]+$/);

    const log = p.getByTestId("build-log");
    await expect(log).toContainText(`first-${m}`);
    // The first line is on screen while the build still runs and before the second line exists.
    await expect(log).not.toContainText(`second-${m}`);
    await expect(p.getByTestId("build-status").first()).toHaveAttribute("data-status", "running");
    if (shots) await p.screenshot({ path: "docs/screenshots/build-live-log.png" });

    // A reload re-attaches: the log so far is replayed, then followed to the end.
    await p.reload();
    await expect(log).toContainText(`first-${m}`);
    await expect(log).toContainText(`second-${m}`, { timeout: 30_000 });
    await expect(log).toContainText("[wharf] Build succeeded");
    await expect(p.getByTestId("build-status").first()).toHaveAttribute("data-status", "succeeded");
    await expect(p.getByTestId("build-image-id")).toHaveText(/^[0-9a-f]{12}$/);
    await expect(p.getByTestId("build-facts")).toContainText("storefront:e2e");
    if (shots) await p.screenshot({ path: "docs/screenshots/build-finished.png" });

    // History: the builds list, filtered in the URL.
    await p.goto("/builds?status=succeeded");
    await expect(p.getByLabel("Status")).toHaveValue("succeeded");
    await expect(p.getByRole("table", { name: "Builds" }).getByText("inline Dockerfile")).toBeVisible();
    if (shots) await p.screenshot({ path: "docs/screenshots/builds-list.png" });

    // A registry for the tenant, checked against the real registry when saved.
    if (fs.existsSync(REGISTRY_ENV)) {
      const env = readEnvFile(REGISTRY_ENV);
      await p.goto("/registries");
      await p.getByRole("button", { name: "Add registry" }).first().click();
      await p.getByLabel("Name", { exact: true }).fill("Team registry");
      await p.getByLabel("Address").fill(env.REGISTRY_ADDR);
      await p.getByLabel("Username", { exact: true }).fill(env.REGISTRY_USER);
      await p.getByLabel("Password or token").fill("definitely-wrong");
      await p.getByRole("button", { name: "Check and save" }).click();
      await expect(
        p
          .getByRole("dialog")
          .getByText(/refused the credentials/)
          .first(),
      ).toBeVisible();
      await p.getByLabel("Password or token").fill(env.REGISTRY_PASSWORD);
      await p.getByRole("button", { name: "Check and save" }).click();
      await expect(p.getByTestId("registry-row-Team registry")).toBeVisible();
      if (shots) await p.screenshot({ path: "docs/screenshots/registries.png" });
    }

    // An app built from source: the admin attaches a git repository and gets the webhook URL and secret.
    const repo = fs.mkdtempSync("/tmp/wharf-e2e-repo-");
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.email=e2e@wharf.test", "-c", "user.name=E2E", ...args], { cwd: repo });
    fs.writeFileSync(`${repo}/Dockerfile`, 'FROM wharf-busybox:latest\nCMD ["sleep", "3600"]\n');
    git("init", "-q", "-b", "main");
    git("add", "Dockerfile");
    git("commit", "-qm", "init");
    const app = await json(
      page.request.post(`/api/v1/projects/${project.id}/apps`, {
        data: {
          name: "shop",
          hostId: localHostId,
          source: { type: "image", image: { service: "web", image: "wharf-busybox:latest" } },
        },
        headers,
      }),
    );
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/projects/${project.id}`);
    await page.getByRole("button", { name: "Webhook: shop" }).click();
    await page.getByLabel("Repository URL").fill(repo);
    await page.getByLabel("Branch or tag").fill("main");
    await page.getByRole("button", { name: "Check and save" }).click();
    await expect(page.getByTestId("webhook-details")).toContainText(`/api/v1/hooks/${app.app.id}`);
    if (shots) await page.getByRole("dialog").screenshot({ path: "docs/screenshots/app-webhook.png" });
    fs.rmSync(repo, { recursive: true, force: true });
  } finally {
    await dev.context.close();
    await removeTenantImages(tenant.id);
  }
});
