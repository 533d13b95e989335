import { expect, test } from "@playwright/test";
import { setTheme } from "./console-pages";
import { deploySite, setBaseDomain, skipWithoutEdge } from "./edge";
import { developerOnLocalHost, expectJson, removeTenantEngineObjects, shotWidths } from "./helpers";

// A developer attaches a domain in the app page's Domains card; the admin's tenant Domains dialog. Needs the edge
// proxy in the server's environment (e2e/edge.ts).
skipWithoutEdge();

test("a developer attaches a domain to a service port", async ({ page, browser, baseURL }) => {
  const {
    tenant,
    dev: devSession,
    headers,
    localHostId,
  } = await developerOnLocalHost(page, browser, baseURL!, "edge");
  const dev = devSession.page;
  try {
    const base = await setBaseDomain(page, tenant, headers);
    await page.goto("/admin/tenants");
    await page
      .getByRole("row", { name: new RegExp(tenant.name) })
      .getByRole("button", { name: "Domains" })
      .click();
    await expect(page.getByLabel("Base domains, one per line")).toHaveValue(base);
    await shotWidths(page, "edge-tenant-domains", { fullPage: false });

    const appId = await deploySite(dev, tenant.id, localHostId, headers);

    await dev.goto(`/apps/${appId}`);
    const card = dev.getByRole("form", { name: "Attach a domain" });
    await card.getByLabel("Domain").fill("web{x}." + base);
    await card.getByLabel("Port").fill("8080");
    await card.getByRole("button", { name: "Attach domain" }).click();
    await expect(card.getByText(/label "web\{x\}"/).first()).toBeVisible();
    await card.getByLabel("Domain").fill(`web.${base}`);
    await card.getByLabel("Ask visitors for a password (basic auth)").check();
    await card.getByLabel("User name").fill("ann");
    await card.getByLabel("Password", { exact: true }).fill("correct horse");
    await card.getByRole("button", { name: "Attach domain" }).click();
    const list = dev.getByRole("list", { name: "Domains" });
    await expect(
      list.getByRole("link", { name: new RegExp(`https://web\\.${base.replace(/\./g, "\\.")}`) }),
    ).toBeVisible();
    await expect(list.getByText("basic auth: ann")).toBeVisible();
    // The served certificate's issuer and expiry, read from Caddy once it has issued one.
    await expect(async () => {
      await dev.reload();
      await expect(list.getByText(/Certificate from Caddy Local Authority/)).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 60_000 });
    await dev.getByRole("heading", { name: "Domains" }).scrollIntoViewIfNeeded();
    await shotWidths(dev, "edge-app-domains");
    await setTheme(dev, "dark");
    await shotWidths(dev, "edge-app-domains-dark");
    await setTheme(dev, "light");

    // A custom domain waiting for proof: the developer gets no Approve button (and the API refuses them); an admin
    // approves it from the same card, after a dialog saying what that does.
    await expectJson(
      page.request.put(`/api/v1/tenants/${tenant.id}/edge`, {
        data: { baseDomains: [base], customDomains: true },
        headers,
      }),
    );
    const custom = `shop-${tenant.slug}.example.test`;
    const pending = await expectJson(
      dev.request.post(`/api/v1/apps/${appId}/domains`, {
        data: { host: custom, service: "web", port: 8080 },
        headers,
      }),
    );
    await dev.reload();
    const devRow = list.getByRole("listitem").filter({ hasText: custom });
    await expect(devRow.getByText("waiting for proof of control")).toBeVisible();
    await expect(devRow.getByRole("button", { name: "Approve…" })).toHaveCount(0);
    const refused = await dev.request.post(`/api/v1/apps/${appId}/domains/${pending.id}/approve`, {
      data: {},
      headers,
    });
    expect(refused.status()).toBe(403);
    await page.goto(`/apps/${appId}`);
    const row = page.getByRole("list", { name: "Domains" }).getByRole("listitem").filter({ hasText: custom });
    await row.getByRole("button", { name: "Approve…" }).click();
    const dialog = page.getByRole("dialog", { name: `Approve ${custom}?` });
    await expect(dialog.getByText(/skips the proof of control/)).toBeVisible();
    await shotWidths(page, "edge-approve-domain", { fullPage: false });
    await setTheme(page, "dark");
    await shotWidths(page, "edge-approve-domain-dark", { fullPage: false });
    await setTheme(page, "light");
    await dialog.getByRole("button", { name: "Approve and route" }).click();
    await expect(page.getByText(`${custom} approved: routed now`)).toBeVisible();
    await expect(row.getByText(/waiting for/)).toHaveCount(0);
    await expect(row.getByRole("button", { name: "Approve…" })).toHaveCount(0);
  } finally {
    await removeTenantEngineObjects(tenant.id);
  }
});
