import { expect, test } from "@playwright/test";

// On a phone the sidebar is hidden: the header's menu opens the same navigation, and no page is wider than
// the screen (the header used to push every page sideways).
test.use({ viewport: { width: 390, height: 844 } });

test("on a phone, the menu reaches every section and nothing scrolls sideways", async ({ page }) => {
  await page.goto("/");
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  expect(await overflow()).toBeLessThanOrEqual(0);

  await page.getByRole("button", { name: "Open the menu" }).click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();
  await page.screenshot({ path: "test-results/mobile-menu-390.png" });
  await nav.getByRole("link", { name: "Builds" }).click();
  await expect(page).toHaveURL(/\/builds$/);
  await expect(nav).toBeHidden(); // a followed link closes the menu
  expect(await overflow()).toBeLessThanOrEqual(0);

  for (const path of ["/apps", "/containers", "/hosts", "/projects"]) {
    await page.goto(path);
    await expect(page.getByRole("button", { name: "Open the menu" })).toBeVisible();
    expect(await overflow(), `${path} is wider than the screen`).toBeLessThanOrEqual(0);
  }
  await page.screenshot({ path: "test-results/mobile-projects-390.png", fullPage: true });
});
