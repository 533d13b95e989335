import { expect, test } from "@playwright/test";
import { expectJson, uniq } from "./helpers";

// The host grants dialog (components/fleet/host-grants-dialog.tsx): a tenant granted the local host with a tick
// and Save grants, then taken off again, which asks first.
let tenantId = "";

test.afterAll(async ({ request, baseURL }) => {
  if (tenantId)
    await request.delete(`/api/v1/tenants/${tenantId}?confirm=true`, { headers: { origin: baseURL ?? "" } });
});

test("an admin grants the local host to a tenant and takes it back, confirming the removal", async ({
  page,
  baseURL,
}) => {
  const tenant = await expectJson(
    page.request.post("/api/v1/tenants", {
      data: { name: uniq("e2e-grants") },
      headers: { origin: baseURL ?? "" },
    }),
  );
  tenantId = tenant.id;
  const grantedTo = async () => {
    const hosts = (await expectJson(page.request.get("/api/v1/hosts"))).items as {
      name: string;
      tenantIds: string[];
    }[];
    return hosts.find((h) => h.name === "local")?.tenantIds ?? [];
  };
  await page.goto("/hosts");
  const row = page.getByTestId("host-row-local");
  const dialog = page.getByRole("dialog", { name: "Tenants on local" });

  await row.getByRole("button", { name: "Tenants" }).click();
  await dialog.getByLabel(tenant.name).check();
  await dialog.getByRole("button", { name: "Save grants" }).click();
  await expect(page.getByText("Tenants on local saved")).toBeVisible();
  await expect(dialog).toBeHidden();
  expect(await grantedTo()).toContain(tenant.id);

  await row.getByRole("button", { name: "Tenants" }).click();
  await dialog.getByLabel(tenant.name).uncheck();
  await dialog.getByRole("button", { name: "Save grants" }).click();
  await page.getByRole("button", { name: "Remove access" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(grantedTo).not.toContain(tenant.id);
});
