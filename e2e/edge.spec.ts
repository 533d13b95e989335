import { expect, test } from "@playwright/test";
import { developerOnLocalHost, expectJson } from "./helpers";

const shots = !!process.env.E2E_SCREENSHOTS;

test("an admin sets the volume driver allow-list and a host's published port range; bad values are refused inline", async ({
  page,
}) => {
  await page.goto("/admin/policy");
  await expect(page.getByRole("heading", { name: "Policy" })).toBeVisible();
  const drivers = page.getByLabel("Allowed drivers");
  // Refused by the browser's check with the server's schema, on the field, before anything is sent.
  const saves: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "PUT" && r.url().endsWith("/api/v1/settings/volume-drivers")) saves.push(r.url());
  });
  await drivers.fill("bad name!");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/use a plugin name/).first()).toBeVisible();
  await expect(drivers).toHaveAttribute("aria-invalid", "true");
  expect(saves).toEqual([]);
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

test("a developer whose access changes is told why, live: a lowered role in a toast, a disabled account on the sign-in page", async ({
  page,
  browser,
  baseURL,
}) => {
  const { tenant, dev, user, headers } = await developerOnLocalHost(page, browser, baseURL!, "Revoked");
  const setRole = (role: string) =>
    expectJson(
      page.request.post(`/api/v1/tenants/${tenant.id}/members`, { data: { userId: user.id, role }, headers }),
    );
  // Changed before the page's stream opened (held back here; on a busy machine it can take seconds): no stream is
  // there to be told, so the first hello is compared with the rights the page was rendered with.
  await dev.page.route("**/api/v1/stream**", (route) => route.abort());
  await dev.page.goto("/");
  await expect(dev.page.getByRole("img", { name: "Not live", exact: true })).toBeVisible();
  await setRole("viewer");
  await dev.page.unroute("**/api/v1/stream**");
  await expect(
    dev.page.getByText("Your access changed: your role in the tenant changed to viewer"),
  ).toBeVisible();
  if (shots) {
    await dev.page.setViewportSize({ width: 1440, height: 900 });
    await dev.page.screenshot({ path: "/tmp/access-changed-1440.png" });
  }
  // Changed while the stream is open: it ends with the reason, and the page says it.
  await expect(dev.page.getByRole("img", { name: "Live", exact: true })).toBeVisible();
  await setRole("developer");
  await expect(
    dev.page.getByText("Your access changed: your role in the tenant changed to developer"),
  ).toBeVisible();

  await expectJson(page.request.patch(`/api/v1/users/${user.id}`, { data: { disabled: true }, headers }));
  await expect(dev.page).toHaveURL(/\/login\?.*reason=account_disabled/);
  await expect(dev.page.getByTestId("signed-out-reason")).toHaveText(
    "You were signed out: an administrator disabled your account.",
  );
  if (shots) {
    await dev.page.screenshot({ path: "docs/screenshots/signed-out-reason.png" });
    await dev.page.setViewportSize({ width: 390, height: 844 });
    await dev.page.screenshot({ path: "/tmp/signed-out-reason-390.png", fullPage: true });
  }
  // A reason in the URL that is not one of the known codes shows nothing (no text is taken from the URL).
  await dev.page.goto("/login?reason=%3Cb%3Ehacked");
  await expect(dev.page.getByTestId("signed-out-reason")).toHaveCount(0);
  await dev.context.close();
});
