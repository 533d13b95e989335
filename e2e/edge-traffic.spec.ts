import { expect, test } from "@playwright/test";
import { developerOnLocalHost, expectJson, removeTenantEngineObjects } from "./helpers";

// The app page's Traffic card for a routed domain, at 390 px in both themes (screenshots in test-results/). Needs
// the edge proxy in the server's environment, as e2e/domains.spec.ts.
test.skip(
  !process.env.WHARF_EDGE_ADMIN_URL,
  "no edge proxy configured for the e2e server (WHARF_EDGE_ADMIN_URL)",
);

const compose = `services:
  web:
    image: busybox:latest
    command: ["sh", "-c", "mkdir -p /www && echo hello > /www/index.html && exec httpd -f -p 8080 -h /www"]
`;

test("the Traffic card lists the app's domains", async ({ page, browser, baseURL }) => {
  const {
    tenant,
    dev: session,
    headers,
    localHostId,
  } = await developerOnLocalHost(page, browser, baseURL!, "traffic");
  const dev = session.page;
  try {
    const base = `${tenant.slug}.apps.test`;
    await expectJson(
      page.request.put(`/api/v1/tenants/${tenant.id}/edge`, {
        data: { baseDomains: [base], customDomains: false },
        headers,
      }),
    );
    const project = await expectJson(
      dev.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Site" }, headers }),
    );
    const source = { type: "compose", compose };
    const app = await expectJson(
      dev.request.post(`/api/v1/projects/${project.id}/apps`, {
        data: { name: "site", hostId: localHostId, mode: "standalone", source },
        headers,
      }),
    );
    await expectJson(dev.request.post(`/api/v1/apps/${app.app.id}/deploy`, { data: { source }, headers }));
    await expectJson(
      dev.request.post(`/api/v1/apps/${app.app.id}/domains`, {
        data: { host: `web.${base}`, service: "web", port: 8080 },
        headers,
      }),
    );
    await dev.setViewportSize({ width: 390, height: 900 });
    await dev.goto(`/apps/${app.app.id}`);
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
