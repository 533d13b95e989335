// What the edge specs (domains, edge-traffic) share: the skip when the e2e server has no edge proxy, the app they
// route to, and the developer's app deployed under the tenant's base domain.
import { test, type APIRequestContext, type Page } from "@playwright/test";
import { expectJson } from "./helpers";

/** Run with scripts/services/caddy.sh's settings (WHARF_EDGE_*), e.g.
 *  set -a; . /run/wharf-test/caddy-2019.env; set +a; E2E_PORT=3117 npx playwright test e2e/domains.spec.ts */
export const skipWithoutEdge = () =>
  test.skip(
    !process.env.WHARF_EDGE_ADMIN_URL,
    "no edge proxy configured for the e2e server (WHARF_EDGE_ADMIN_URL)",
  );

/** httpd on port 8080 answering "hello". */
export const EDGE_COMPOSE = `services:
  web:
    image: busybox:latest
    command: ["sh", "-c", "mkdir -p /www && echo hello > /www/index.html && exec httpd -f -p 8080 -h /www"]
`;

/** The admin (`page`) gives the tenant the base domain `<slug>.apps.test`; returns it. */
export async function setBaseDomain(
  page: Page,
  tenant: { id: string; slug: string },
  headers: Record<string, string>,
): Promise<string> {
  const base = `${tenant.slug}.apps.test`;
  await expectJson(
    page.request.put(`/api/v1/tenants/${tenant.id}/edge`, {
      data: { baseDomains: [base], customDomains: false },
      headers,
    }),
  );
  return base;
}

/** The developer's project "Site" with app "site" (EDGE_COMPOSE) deployed on the local host; returns the app id. */
export async function deploySite(
  dev: { request: APIRequestContext },
  tenantId: string,
  hostId: string,
  headers: Record<string, string>,
): Promise<string> {
  const project = await expectJson(
    dev.request.post("/api/v1/projects", { data: { tenantId, name: "Site" }, headers }),
  );
  const source = { type: "compose", compose: EDGE_COMPOSE };
  const app = await expectJson(
    dev.request.post(`/api/v1/projects/${project.id}/apps`, {
      data: { name: "site", hostId, mode: "standalone", source },
      headers,
    }),
  );
  await expectJson(dev.request.post(`/api/v1/apps/${app.app.id}/deploy`, { data: { source }, headers }));
  return app.app.id;
}
