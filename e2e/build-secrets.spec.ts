import { expect, test } from "@playwright/test";
import { developerOnLocalHost, expectJson as json, uniq, removeTenantImages } from "./helpers";

const shots = !!process.env.BUILDS_SCREENSHOTS;

test("a developer marks a build arg secret in the form: typed like a password, masked in the log", async ({
  page,
  browser,
  baseURL,
}, info) => {
  test.setTimeout(120_000);
  const { tenant, dev, headers } = await developerOnLocalHost(page, browser, baseURL!, "Build secrets");
  const p = dev.page;
  const secret = uniq("lic");
  try {
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Licensed" }, headers }),
    );
    await p.setViewportSize({ width: 1440, height: 900 });
    await p.goto(`/builds/new?projectId=${project.id}`);
    await p
      .getByLabel("Dockerfile", { exact: true })
      .fill('FROM wharf-busybox:latest\nARG LICENSE\nARG MODE\nRUN echo "license=$LICENSE mode=$MODE"\n');
    await p.getByLabel("Build args (optional)").fill("MODE=e2e");
    await expect(p.getByTestId("secret-arg")).toHaveCount(0);
    await p.getByRole("button", { name: "Add a secret build arg" }).click();
    await p.getByLabel("Secret 1 name").fill("LICENSE");
    const value = p.getByLabel("Secret 1 value");
    await expect(value).toHaveAttribute("type", "password");
    await value.fill(secret);
    await p.screenshot({ path: info.outputPath("build-secret-args-1440.png"), fullPage: true });
    if (shots) await p.screenshot({ path: "docs/screenshots/build-secret-args.png", fullPage: true });
    await p.setViewportSize({ width: 390, height: 844 });
    await p.getByRole("group", { name: "Secret build args" }).scrollIntoViewIfNeeded();
    await p.screenshot({ path: info.outputPath("build-secret-args-390.png") });
    await p.setViewportSize({ width: 1440, height: 900 });

    await p.getByRole("button", { name: "Start build" }).click();
    await expect(p).toHaveURL(/\/builds\/[a-z0-9]+$/);
    const log = p.getByTestId("build-log");
    await expect(log).toContainText("[wharf] Build succeeded", { timeout: 60_000 });
    await expect(log).toContainText("license=•••••• mode=e2e");
    await expect(log).not.toContainText(secret);
    const id = p.url().split("/").pop()!;
    const build = await json(p.request.get(`/api/v1/builds/${id}`));
    expect(build.source.secretArgs).toEqual(["LICENSE"]);
    expect(build.source.buildArgs).toEqual({ MODE: "e2e", LICENSE: secret }); // the developer's, in the API
    await expect(p.getByTestId("build-facts")).toContainText("MODE=e2e LICENSE=••••••"); // never on screen
    await expect(p.getByTestId("build-facts")).not.toContainText(secret);
    await p.screenshot({ path: info.outputPath("build-secret-log-1440.png") });
  } finally {
    await dev.context.close();
    await removeTenantImages(tenant.id);
  }
});
