// Issue 15, messages: what the compose editor says always belongs to the text on screen. An error typed in goes
// away once it is fixed by typing; a policy refusal from the server never sits next to "valid", and goes away with
// the text it was about. Also: an admin shares a network with a tenant from the tenants page (issue 15, external).
import { expect, test, type Page } from "@playwright/test";
import Docker from "dockerode";
import { developerOnLocalHost, expectJson as json, grantLocalHost, shotWidths, uniq } from "./helpers";

const docker = new Docker({ socketPath: "/var/run/docker.sock" });

/** Replaces the editor's text, as a clipboard paste over a select-all. */
async function paste(p: Page, text: string) {
  const editor = p.getByTestId("compose-editor").locator(".cm-content");
  await editor.click();
  await p.keyboard.press("ControlOrMeta+a");
  await editor.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test("editor messages follow the text; a refusal never shows next to 'valid'", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { tenant, dev, headers } = await developerOnLocalHost(page, browser, baseURL!, "Msgs");
  const p = dev.page;
  const project = await json(
    p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Msgs" }, headers }),
  );
  await p.goto(`/apps/new?project=${project.id}`);
  await p.getByLabel("App name").fill("msgs");
  const errors = p.getByRole("alert", { name: "Compose errors" });
  const valid = p.getByTestId("compose-valid");

  // An error, then fixed by typing: the message goes, and only then is the file called valid.
  await paste(
    p,
    'services:\n  web:\n    image: redis:alpine\n    command: ["sleep", "60"]\n    restart: sometimes',
  );
  await expect(errors).toContainText("services.web.restart");
  await expect(valid).toHaveCount(0);
  await p.keyboard.press("ControlOrMeta+End");
  for (let i = 0; i < "sometimes".length; i++) await p.keyboard.press("Backspace");
  await p.keyboard.type("always");
  await expect(errors).toHaveCount(0);
  await expect(valid).toBeVisible();

  // The parser accepts it; the server's admission policy refuses it for a developer: no "valid" next to that.
  await paste(
    p,
    'services:\n  web:\n    image: redis:alpine\n    command: ["sleep", "60"]\n    privileged: true\n',
  );
  await expect(valid).toBeVisible();
  await p.getByRole("button", { name: "Review plan" }).click();
  const refusal = p.getByText(/privileged/).last();
  await expect(refusal).toBeVisible();
  await expect(valid).toHaveCount(0);
  await shotWidths(p, "compose-messages-refused");
  // Editing the text retires the refusal: the new text is checked on its own.
  await paste(p, 'services:\n  web:\n    image: redis:alpine\n    command: ["sleep", "60"]\n');
  await expect(p.getByText(/privileged/)).toHaveCount(0);
  await expect(valid).toBeVisible();
  await expect(p.getByTestId("plan")).toHaveCount(0);
  await dev.context.close();
});

test("an admin shares a host's network with one tenant from the tenants page", async ({ page, baseURL }) => {
  const headers = { origin: baseURL! };
  const tenant = await json(page.request.post("/api/v1/tenants", { data: { name: uniq("Share") }, headers }));
  const local = await grantLocalHost(page, baseURL!, [tenant.id]);
  const network = uniq("e2e-shared");
  await docker.createNetwork({ Name: network });
  try {
    await page.goto("/admin/tenants");
    await page.getByTestId(`tenant-row-${tenant.slug}`).getByRole("button", { name: "Shared" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByText("Nothing shared yet.")).toBeVisible();
    await dialog.getByLabel("Name on the host").fill("no-such-network-here");
    await dialog.getByRole("button", { name: "Share", exact: true }).click();
    await expect(dialog.getByText(/no such network on the host/)).toBeVisible();
    await dialog.getByLabel("Name on the host").fill(network);
    await dialog.getByLabel("Note (optional)").fill("monitoring for this tenant");
    await dialog.getByRole("button", { name: "Share", exact: true }).click();
    await expect(dialog.getByTestId("shared-objects")).toContainText(network);
    await shotWidths(page, "shared-objects-dialog", { fullPage: false });
    const listed = await json(page.request.get(`/api/v1/tenants/${tenant.id}/shared-objects`));
    expect(listed.items).toEqual([
      expect.objectContaining({ kind: "network", name: network, hostId: local.id }),
    ]);
    await dialog.getByRole("button", { name: "Unshare" }).click();
    await expect(dialog.getByText("Nothing shared yet.")).toBeVisible();
  } finally {
    await docker.getNetwork(network).remove();
  }
});
