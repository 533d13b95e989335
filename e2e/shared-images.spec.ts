import { expect, test } from "@playwright/test";
import { developerOnLocalHost, uniq } from "./helpers";

const shots = !!process.env.IMAGES_SCREENSHOTS;

test("an admin shares an image and unshares it; a developer reads the list but cannot change it", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const reference = `${uniq("team-base")}:1`;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/images");
  await expect(page.getByRole("heading", { name: "Shared images" })).toBeVisible();
  // The offline stand-ins are shared at start-up (WHARF_SHARED_IMAGES, scripts/e2e-server.sh).
  await expect(page.getByTestId("shared-image-redis:alpine")).toBeVisible();

  // A bad reference is refused by the browser's check with the server's schema: nothing is sent.
  const shares: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v1/images/shared")) shares.push(r.url());
  });
  await page.getByRole("button", { name: "Share an image" }).click();
  await page.getByLabel("Image reference").fill("Not A Reference");
  await page.getByRole("button", { name: "Share with every tenant" }).click();
  await expect(
    page
      .getByRole("dialog")
      .getByText(/use an image reference/)
      .first(),
  ).toBeVisible();
  expect(shares).toEqual([]);
  await page.getByLabel("Image reference").fill(reference);
  await page.getByLabel("Note (optional)").fill("base image of the team");
  if (shots) await page.screenshot({ path: "docs/screenshots/shared-images-dialog.png" });
  await page.getByRole("button", { name: "Share with every tenant" }).click();
  await expect(page.getByTestId(`shared-image-${reference}`)).toBeVisible();
  if (shots) await page.screenshot({ path: "docs/screenshots/shared-images.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  if (shots) await page.screenshot({ path: "docs/screenshots/shared-images-mobile.png", fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  const { dev } = await developerOnLocalHost(page, browser, baseURL!, "Images");
  try {
    await dev.page.goto("/images");
    await expect(dev.page.getByTestId(`shared-image-${reference}`)).toBeVisible();
    await expect(dev.page.getByRole("button", { name: "Share an image" })).toHaveCount(0);
    await expect(dev.page.getByRole("button", { name: "Unshare" })).toHaveCount(0);
  } finally {
    await dev.context.close();
  }

  await page.getByTestId(`shared-image-${reference}`).getByRole("button", { name: "Unshare" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unshare" }).click();
  await expect(page.getByTestId(`shared-image-${reference}`)).toHaveCount(0);
});
