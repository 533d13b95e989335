import fs from "node:fs";
import { expect, test } from "@playwright/test";

const shots = !!process.env.E2E_SCREENSHOTS;

test("an admin keeps the egress allow-list: a bad range is refused inline, a good one listed and removed", async ({
  page,
}) => {
  await page.goto("/admin/egress");
  await expect(page.getByRole("heading", { name: "Egress allow-list" })).toBeVisible();
  // The Playwright server allow-lists the test registry from its environment (scripts/e2e-server.sh): read-only.
  if (fs.existsSync(`${process.env.WHARF_TEST_STATE_DIR ?? "/run/wharf-test"}/registry.env`))
    await expect(page.getByText("set by WHARF_EGRESS_ALLOW").first()).toBeVisible();

  await page.getByLabel("Address range").fill("localhost:5000");
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page.getByText(/use CIDR\[:port\]/)).toBeVisible();

  const port = 20000 + Math.floor(Math.random() * 20000);
  await page.getByLabel("Address range").fill(`127.0.0.1:${port}`);
  await page.getByLabel("Note").fill("a same-box service for the e2e test");
  await page.getByRole("button", { name: "Allow" }).click();
  const row = page.getByTestId(`egress-row-127.0.0.1/32:${port}`);
  await expect(row).toBeVisible();
  if (shots) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: "docs/screenshots/egress.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "/tmp/egress-390.png", fullPage: true });
  }
  await row.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Remove entry" }).click();
  await expect(row).toHaveCount(0);
});
