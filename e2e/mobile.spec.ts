import { expect, test, type Page } from "@playwright/test";
import { consolePages, openLoaded } from "./console-pages";

// On a phone the sidebar is hidden: the header's menu opens the same navigation, and no page is wider than the
// screen (tables scroll inside their own box). Every page of the console (e2e/console-pages.ts), with its data.
test.use({ viewport: { width: 390, height: 844 } });

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/**
 * Opens the header's menu. A click that lands before React has hydrated the header is lost, so it is clicked
 * again until the menu shows; once open, the button is named "Close the menu" and is never clicked here. From the
 * third try the page is loaded again first: Chromium drops script requests in flight when the host's interfaces
 * change (ERR_NETWORK_CHANGED, as when a Docker bridge is made), and a page that lost one never hydrates.
 */
async function openMenu(page: Page) {
  const nav = page.getByRole("navigation", { name: "Main" });
  let tries = 0;
  await expect(async () => {
    if (++tries > 2) await page.reload();
    const open = page.getByRole("button", { name: "Open the menu" });
    if (await open.isVisible()) await open.click();
    await expect(nav).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 20_000 });
  return nav;
}

test("on a phone, the menu reaches every section and nothing scrolls sideways", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  const nav = await openMenu(page);
  await nav.getByRole("link", { name: "Builds" }).click();
  await expect(page).toHaveURL(/\/builds$/);
  await expect(nav).toBeHidden(); // a followed link closes the menu
});

test("every page fits 390 px, with the menu closed and open", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const { pages, stop } = await consolePages(page, baseURL!);
  try {
    for (const { path } of pages) {
      await openLoaded(page, path);
      expect.soft(await pageWidth(page), `${path} is wider than the screen`).toBeLessThanOrEqual(390);
      await openMenu(page);
      expect.soft(await pageWidth(page), `${path} with the menu open`).toBeLessThanOrEqual(390);
    }
  } finally {
    stop();
  }
});
