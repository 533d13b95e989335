import { expect, test } from "@playwright/test";
import { signInNewContext, uniq } from "./helpers";

test("admin creates a tenant and a developer; the developer works inside it until disabled", async ({
  page,
  browser,
}) => {
  const tenantName = uniq("Tenant");
  const email = `${uniq("dev")}@wharf.test`;

  // Admin: a tenant…
  await page.goto("/admin/tenants");
  await page.getByRole("button", { name: "New tenant" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill(tenantName);
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByRole("cell", { name: tenantName, exact: true })).toBeVisible();

  // …and a developer in it, with a one-time password.
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Tenant", { exact: true }).selectOption({ label: tenantName });
  await dialog.getByLabel("Tenant role").selectOption("developer");
  await dialog.getByRole("button", { name: "Create user" }).click();
  const otp = (await page.getByTestId("one-time-password").textContent())!.trim();
  await dialog.getByRole("button", { name: "Done" }).click();

  // Developer: signs in, is asked to choose a password, sees only their tenant, creates a project.
  const dev = await signInNewContext(browser, email, otp, { keepOneTimePassword: true });
  await expect(dev.page).toHaveURL(/changePassword=1/);
  await dev.page.getByLabel("Current password").fill(otp);
  // Too short: the schema's message on the field (no browser bubble first), and what was typed stays.
  await dev.page.getByLabel("New password").fill("short");
  // Enter submits only once the page has hydrated (the submit button is disabled until then, as a user sees);
  // CI pressed it earlier once and nothing happened.
  await expect(dev.page.getByRole("button", { name: "Change password" })).toBeEnabled();
  await dev.page.getByLabel("New password").press("Enter");
  await expect(dev.page.getByText("must be at least 12 characters")).toBeVisible();
  await expect(dev.page.getByLabel("Current password")).toHaveValue(otp);
  await dev.page.getByLabel("New password").fill("a-long-enough-new-password");
  await dev.page.getByRole("button", { name: "Change password" }).click();
  await expect(dev.page.getByRole("status").getByText("Password changed")).toBeVisible();
  // The "choose your own" banner goes with the change, not on the next navigation.
  await expect(dev.page.getByText("You signed in with a one-time password")).toBeHidden();
  await expect(dev.page).not.toHaveURL(/changePassword/);

  const switcher = dev.page.getByRole("combobox", { name: "Tenant" });
  await expect(switcher.locator("option")).toHaveText(["All my tenants", tenantName]);

  await dev.page.getByRole("link", { name: "Projects" }).click();
  await dev.page
    .getByRole("button", { name: /New project|Create your first project/ })
    .first()
    .click();
  await dev.page.getByRole("dialog").getByLabel("Name").fill("Storefront");
  await dev.page.getByRole("button", { name: "Create project" }).click();
  await expect(dev.page.getByRole("link", { name: "Storefront" })).toBeVisible();

  // Access changes ask first and say what changes: a global role (cancelled: nothing changes)…
  await page.reload();
  const row = page.getByTestId(`user-row-${email}`);
  await row.getByLabel(`Global role of ${email}`).selectOption("ops");
  await expect(page.getByRole("dialog")).toContainText(`${email} will get ops rights`);
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(row.getByLabel(`Global role of ${email}`)).toHaveValue("none");
  // …and a tenant role (confirmed).
  await page.goto("/admin/tenants");
  await page.getByRole("row", { name: tenantName }).getByRole("button", { name: "Members" }).click();
  await page.getByLabel(`Role of ${email}`).selectOption("viewer");
  const confirm = page.getByRole("dialog", { name: `Make ${email} viewer in ${tenantName}?` });
  await expect(confirm).toContainText(`${email} will no longer deploy`);
  await confirm.getByRole("button", { name: "Change to viewer" }).click();
  await expect(page.getByRole("status").getByText(`${email} is now viewer in ${tenantName}`)).toBeVisible();

  // Admin disables the developer.
  await page.goto("/admin/users");
  await page.getByTestId(`user-row-${email}`).getByRole("button", { name: "Disable" }).click();
  // It says what happens before acting.
  await expect(page.getByRole("dialog")).toContainText("sessions and API tokens stop working now");
  await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByRole("status").getByText(`${email} disabled`)).toBeVisible();
  await expect(page.getByTestId(`user-row-${email}`).getByText("disabled")).toBeVisible();

  // Revocation is live: the open page is signed out by itself and told why, with nothing clicked.
  await expect(dev.page).toHaveURL(/\/login\?.*reason=account_disabled/);
  await dev.context.close();
});

test("the audit log filters survive a reload", async ({ page }) => {
  await page.goto("/admin/audit");
  await page.getByRole("combobox", { name: "Outcome" }).selectOption("success");
  await expect(page).toHaveURL(/outcome=success/);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Outcome" })).toHaveValue("success");
  await expect(page.getByRole("cell", { name: "tenant.create" }).first()).toBeVisible();
});
