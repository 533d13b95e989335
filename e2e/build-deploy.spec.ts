import { expect, test } from "@playwright/test";
import Docker from "dockerode";
import { developerOnLocalHost, expectJson as json, shotWidths, uniq } from "./helpers";

// Issue 18, builds: the developer writes a Dockerfile in the code editor, sees the scoped image name before the
// build starts, builds, then "Deploy this image" opens the create flow with the build's pinned image; the app
// runs exactly that image, with a quoted command that survives the redeploy form's prefill.
const docker = new Docker({ socketPath: "/var/run/docker.sock" });
const shots = !!process.env.BUILDS_SCREENSHOTS;

test("build, then Deploy this image: the app runs the build's own image", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { tenant, dev, headers } = await developerOnLocalHost(page, browser, baseURL!, "Ship");
  const p = dev.page;
  let builtTag = "";
  try {
    await p.setViewportSize({ width: 1280, height: 800 });
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Ship yard" }, headers }),
    );
    await p.goto(`/builds/new?projectId=${project.id}`);

    // The Dockerfile is edited in the code editor (highlighted), and Esc then Tab leaves it.
    const marker = uniq("built");
    const editor = p.getByLabel("Dockerfile", { exact: true });
    await editor.fill(`FROM wharf-busybox:latest\nRUN echo ${marker} > /marker\nCMD ["sleep", "3600"]\n`);
    await expect(p.getByTestId("dockerfile-editor").locator(".cm-line").first()).toContainText("FROM");
    // Highlighted: the Dockerfile mode wraps keywords and strings in styled spans (plain text has none).
    await expect(p.getByTestId("dockerfile-editor").locator(".cm-line span").first()).toBeVisible();
    await editor.press("Escape");
    await editor.press("Tab");
    await expect(p.getByRole("button", { name: "Add a file" })).toBeFocused();

    // The scoped name is shown while typing, before anything is built.
    const scoped = p.getByTestId("scoped-tags");
    await expect(scoped).toContainText(`wharf/${tenant.slug}/${project.slug}/${project.slug}:b-`);
    await p.getByLabel("Tags").fill("hello-web:1.0 Bad:Tag");
    await expect(scoped).toContainText(`wharf/${tenant.slug}/${project.slug}/hello-web:1.0`);
    await expect(scoped).toContainText("Bad:Tag is not an image name");
    await p.getByLabel("Tags").fill("hello-web:1.0");
    await expect(scoped).not.toContainText("is not an image name");
    await shotWidths(p, "build-form-scoped-name");

    await p.getByRole("button", { name: "Start build" }).click();
    await expect(p).toHaveURL(/\/builds\/[a-z0-9]+$/);
    const buildId = p.url().split("/").pop()!;
    await expect(p.getByTestId("build-status").first()).toHaveAttribute("data-status", "succeeded", {
      timeout: 60_000,
    });
    // Named by its source, not an id: header, breadcrumb and the tab's title.
    await expect(p.getByRole("heading", { level: 1 })).toHaveText("Inline Dockerfile");
    await expect(p.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Inline Dockerfile");
    await expect(p).toHaveTitle("Build Inline Dockerfile · Wharf");
    await expect(p.getByText("image hello-web:1.0")).toBeVisible();
    const build = await json(p.request.get(`/api/v1/builds/${buildId}`));
    expect(build.tags).toEqual([`wharf/${tenant.slug}/${project.slug}/hello-web:1.0`]);
    builtTag = build.tags[0];
    await shotWidths(p, "build-finished-deploy");

    await p.getByRole("link", { name: "Deploy this image" }).click();
    await expect(p).toHaveURL(new RegExp(`/apps/new\\?build=${buildId}$`));
    await expect(p.getByRole("heading", { level: 1 })).toHaveText("Deploy this image");
    await expect(p.getByLabel("Project")).toHaveValue(project.id);
    await expect(p.getByLabel("App name")).toHaveValue("hello-web");
    const image = p.getByLabel("Image", { exact: true });
    await expect(image).toHaveValue(build.imageId);
    await expect(image).toHaveAttribute("readonly", "");
    await p.getByLabel("Command", { exact: true }).fill(`sh -c "cat /marker && sleep 3600"`);
    await shotWidths(p, "deploy-this-image");
    if (shots) await p.screenshot({ path: "docs/screenshots/build-deploy-image.png" });
    await p.getByRole("button", { name: "Review plan" }).click();
    await expect(p.getByTestId("plan")).toContainText("create");
    await p.getByRole("button", { name: "Deploy" }).click();
    await expect(p).toHaveURL(/\/apps\/[a-z0-9]+$/, { timeout: 60_000 });
    await expect(p.getByTestId("replicas-app")).toHaveText("1/1", { timeout: 30_000 });

    // The engine runs the build's own image, with the command's words as typed.
    const appId = p.url().split("/").pop()!;
    const [c] = await docker.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
    expect(c.ImageID).toBe(build.imageId);
    expect(c.State).toBe("running");
    const info = await docker.getContainer(c.Id).inspect();
    expect(info.Config.Cmd).toEqual(["sh", "-c", "cat /marker && sleep 3600"]);
    const logs = await docker.getContainer(c.Id).logs({ stdout: true, stderr: true });
    expect(logs.toString()).toContain(marker);

    // Editing the app again shows the command with its quotes, so an unchanged redeploy changes nothing.
    await p.getByRole("button", { name: /Change and redeploy/ }).click();
    await expect(p.getByLabel("Command", { exact: true })).toHaveValue(`sh -c "cat /marker && sleep 3600"`);
  } finally {
    const apps = (await (await p.request.get("/api/v1/apps")).json()).items ?? [];
    for (const a of apps) await p.request.delete(`/api/v1/apps/${a.id}?volumes=true`, { headers });
    await dev.context.close();
    if (builtTag)
      await docker
        .getImage(builtTag)
        .remove()
        .catch(() => undefined);
  }
});
