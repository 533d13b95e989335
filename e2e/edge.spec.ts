import { expect, test } from "@playwright/test";

const shots = !!process.env.E2E_SCREENSHOTS;

test("an admin sets the volume driver allow-list and a host's published port range; bad values are refused inline", async ({
  page,
}) => {
  await page.goto("/admin/policy");
  await expect(page.getByRole("heading", { name: "Policy" })).toBeVisible();
  const drivers = page.getByLabel("Allowed drivers");
  await drivers.fill("bad name!");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/use a plugin name/).first()).toBeVisible();
  await drivers.fill("rexray/ebs, nfs");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Volume drivers saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Allowed drivers")).toHaveValue("nfs, rexray/ebs");
  if (shots) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: "docs/screenshots/admin-policy.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "/tmp/admin-policy-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
  }
  await page.getByLabel("Allowed drivers").fill("");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Volume drivers saved")).toBeVisible();

  await page.goto("/hosts");
  await page.getByRole("link", { name: "local", exact: true }).first().click();
  const form = page.getByRole("form", { name: "Published ports" });
  await expect(form.getByLabel("Lowest host port")).toHaveValue("1024");
  await form.getByLabel("Lowest host port").fill("5000");
  await form.getByLabel("Highest host port").fill("4000");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("must not be below minPort").first()).toBeVisible();
  await form.getByLabel("Highest host port").fill("65535");
  await form.getByLabel("Host addresses").fill("10.0.0.5, not-an-ip");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("must be an IPv4 or IPv6 address").first()).toBeVisible();
  await form.getByLabel("Host addresses").fill("10.0.0.5");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Publishing policy saved")).toBeVisible();
  if (shots) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "docs/screenshots/host-publishing.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "/tmp/host-publishing-390.png" });
    await page.setViewportSize({ width: 1280, height: 720 });
  }
  // Back to the defaults, so other specs deploy as before.
  await form.getByLabel("Lowest host port").fill("1024");
  await form.getByLabel("Host addresses").fill("");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Publishing policy saved").first()).toBeVisible();
});
