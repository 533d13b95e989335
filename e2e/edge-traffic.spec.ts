import { expect, test } from "@playwright/test";
import { deploySite, setBaseDomain, skipWithoutEdge } from "./edge";
import { developerOnLocalHost, expectJson, removeTenantEngineObjects } from "./helpers";

// The app page's Traffic card for a routed domain, at 390 px in both themes (screenshots in test-results/). Needs
// the edge proxy in the server's environment (e2e/edge.ts).
skipWithoutEdge();

test("the Traffic card lists the app's domains", async ({ page, browser, baseURL }) => {
  const {
    tenant,
    dev: session,
    headers,
    localHostId,
  } = await developerOnLocalHost(page, browser, baseURL!, "traffic");
  const dev = session.page;
  try {
    const base = await setBaseDomain(page, tenant, headers);
    const appId = await deploySite(dev, tenant.id, localHostId, headers);
    await expectJson(
      dev.request.post(`/api/v1/apps/${appId}/domains`, {
        data: { host: `web.${base}`, service: "web", port: 8080 },
        headers,
      }),
    );
    await dev.setViewportSize({ width: 390, height: 900 });
    await dev.goto(`/apps/${appId}`);
    const card = dev.getByRole("heading", { name: "Traffic", exact: true });
    await card.scrollIntoViewIfNeeded();
    const text = dev.getByText(/no access log|Last/i).first();
    await expect(text).toBeVisible();
    for (const scheme of ["light", "dark"] as const) {
      await dev.emulateMedia({ colorScheme: scheme });
      await card.scrollIntoViewIfNeeded();
      await dev.screenshot({ path: `test-results/edge-traffic-390-${scheme}.png` });
    }
  } finally {
    await removeTenantEngineObjects(tenant.id);
  }
});
