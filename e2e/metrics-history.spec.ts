import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signInNewContext, uniq, runBusybox } from "./helpers";

// Ops open a running container's Stats tab and see points on the 1-hour CPU history chart (the web server runs the
// collector every 2 s: playwright.config.ts). docs/metrics.md "History".
const name = uniq("e2e-hist");

test.beforeAll(() => {
  runBusybox(name, ["sh", "-c", "while :; do :; done"]);
});
test.afterAll(() => {
  execFileSync("docker", ["rm", "-f", name]);
});

test("ops see a container's 1-hour CPU chart with points", async ({ page, browser, baseURL }) => {
  const email = `${uniq("ops-hist")}@wharf.test`;
  const created = await page.request.post("/api/v1/users", {
    data: { email, globalRole: "ops" },
    headers: { origin: baseURL! },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const ops = await signInNewContext(browser, email, (await created.json()).oneTimePassword);
  const id = execFileSync("docker", ["inspect", "-f", "{{.Id}}", name], { encoding: "utf8" }).trim();
  await ops.page.goto(`/containers/${id}?tab=stats&range=1h`);
  const history = ops.page.getByRole("region", { name: "History of this container" });
  await expect(history.getByRole("button", { name: "1h" })).toHaveAttribute("aria-pressed", "true");
  // Points come after two passes; the chart refreshes every 30 s, a reload is quicker.
  await expect(async () => {
    await ops.page.reload();
    await expect(history.getByRole("group", { name: "CPU of this container" })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 60_000 });
  expect(Number(await history.getAttribute("data-points"))).toBeGreaterThan(0);
  await expect(history.getByRole("group", { name: "CPU of this container" }).locator("canvas")).toBeVisible();
  await ops.page.screenshot({ path: "docs/screenshots/metrics-history.png", fullPage: true });
  await ops.context.close();
});
