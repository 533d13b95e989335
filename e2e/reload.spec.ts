import { expect, test } from "@playwright/test";

// Chromium aborts requests in flight when a network interface appears (a Docker bridge on the same host): a page
// that lost one of its scripts never hydrated, and the test waiting on it timed out. The boot script loads it again.
test("a page whose script failed to load loads itself again, once, and works", async ({ page }) => {
  let aborted = "";
  await page.route("**/_next/static/chunks/**", (route) => {
    if (aborted || route.request().resourceType() !== "script") return route.continue();
    aborted = route.request().url();
    return route.abort("internetdisconnected");
  });
  const documents: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "document") documents.push(r.url());
  });
  await page.goto("/settings");
  // The submit button is disabled until React hydrates the page.
  await expect(page.getByRole("button", { name: "Change password" })).toBeEnabled();
  expect(aborted).toContain("/_next/static/chunks/");
  expect(documents).toHaveLength(2);
});
