import { expect, test } from "@playwright/test";
import { uniq } from "./helpers";

// An admin creates a token scoped to metrics in Settings; it scrapes /metrics and is refused by the API.
test("an admin creates a metrics-scoped token that reaches /metrics only", async ({
  page,
  baseURL,
}, info) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const name = uniq("prom");
  await page.goto("/settings");
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("checkbox", { name: /^API/ }).uncheck();
  await page.getByRole("checkbox", { name: /^Metrics/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^wharf_/);
  await expect(page.getByRole("listitem").filter({ hasText: name }).getByText("metrics")).toBeVisible();
  await page.screenshot({ path: info.outputPath("metrics-token-1440.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: info.outputPath("metrics-token-390.png"), fullPage: true });

  const auth = { authorization: `Bearer ${token}` };
  const scrape = await page.request.get(`${baseURL}/metrics`, { headers: auth });
  expect(scrape.status()).toBe(200);
  expect(await scrape.text()).toContain("wharf_host_up{");
  expect((await page.request.get(`${baseURL}/api/v1/hosts`, { headers: auth })).status()).toBe(403);
});
