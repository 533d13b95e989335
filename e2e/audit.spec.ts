import { expect, test } from "@playwright/test";
import { developerOnLocalHost, expectJson as json, shotWidths, uniq } from "./helpers";

// An admin reviews one tenant: a member of another tenant who tried its project shows up under it, as denied,
// with the project's name and a readable detail — reached through the filters, which stay in the URL.
test("filter the audit log by tenant and 'denied' to see who tried a tenant's objects", async ({
  page,
  browser,
  baseURL,
}) => {
  const headers = { origin: baseURL! };
  const victim = await json(
    page.request.post("/api/v1/tenants", { data: { name: uniq("Victim") }, headers }),
  );
  const projectName = uniq("Payroll");
  const project = await json(
    page.request.post("/api/v1/projects", { data: { tenantId: victim.id, name: projectName }, headers }),
  );
  const { dev } = await developerOnLocalHost(page, browser, baseURL!, "Intruder");
  const tried = await dev.page.request.patch(`/api/v1/projects/${project.id}`, {
    data: { name: "mine now" },
    headers,
  });
  expect(tried.status()).toBe(404);
  await dev.context.close();

  await page.goto("/admin/audit");
  await page.getByRole("search").getByLabel("Tenant").selectOption({ label: victim.name });
  await page.getByRole("search").getByLabel("Outcome").selectOption("denied");
  await expect(page).toHaveURL(
    new RegExp(`tenantId=${victim.id}.*outcome=denied|outcome=denied.*tenantId=${victim.id}`),
  );
  const row = page.getByRole("row").filter({ hasText: "project.update" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(projectName);
  await expect(row).toContainText("denied");
  await expect(row.getByRole("definition").first()).toBeVisible(); // detail as key/value lines, not raw JSON
  await expect(row).toContainText("status404");
  await shotWidths(page, "audit-tenant-denied");
  expect((await json(page.request.get(`/api/v1/projects/${project.id}`))).name).toBe(projectName);
});
