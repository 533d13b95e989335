import { expect, test, type Page } from "@playwright/test";
import {
  expectJson as json,
  grantLocalHost,
  removeTenantEngineObjects,
  shotWidths,
  signInNewContext,
  uniq,
} from "./helpers";

// The tenant context (issue 19, item 1): a user in two tenants picks one in the header and every list, the counters
// and the live stream show that tenant only; the URL carries it, so a reload or a shared link shows the same scope.
const compose = (replicas: number) => `services:
  web:
    image: wharf-busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    deploy: { replicas: ${replicas} }
`;

test("switching tenants changes every list and counter, and the URL keeps the choice", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const headers = { origin: baseURL! };
  const post = (path: string, data: unknown) => json(page.request.post(`/api/v1${path}`, { data, headers }));
  const [a, b] = [
    await post("/tenants", { name: uniq("Ctx A") }),
    await post("/tenants", { name: uniq("Ctx B") }),
  ];
  const local = await grantLocalHost(page, baseURL!, [a.id, b.id]);
  const email = `${uniq("two-tenants")}@wharf.test`;
  const created = await post("/users", {
    email,
    memberships: [
      { tenantId: a.id, role: "developer" },
      { tenantId: b.id, role: "developer" },
    ],
  });
  // One app per tenant: one replica in A, two in B, so each scope has its own numbers.
  const apps: Record<string, string> = {};
  for (const [tenant, replicas] of [
    [a, 1],
    [b, 2],
  ] as const) {
    const project = await post("/projects", { tenantId: tenant.id, name: `Proj ${tenant.name}` });
    const { app } = await post(`/projects/${project.id}/apps`, {
      name: uniq("ctx"),
      hostId: local.id,
      mode: "standalone",
    });
    apps[tenant.id] = app.name;
    await post(`/apps/${app.id}/deploy`, { source: { type: "compose", compose: compose(replicas) } });
  }

  const user = await signInNewContext(browser, email, created.oneTimePassword);
  const p = user.page;
  const rows = p.getByTestId("container-row");
  const total = p.getByTestId("counter-total");
  const switcher = p.getByRole("combobox", { name: "Tenant" });
  /** Follows a sidebar link and waits for the page (a click before the last navigation landed could be lost). */
  const go = async (pg: Page, name: string) => {
    await pg.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
    await expect(pg).toHaveURL(new RegExp(`/${name.toLowerCase()}(\\?|$)`));
    await expect(pg.getByRole("heading", { level: 1, name })).toBeVisible();
  };
  /** Every list and counter, as this user sees it now, for tenant `t` (or both). */
  async function expectScope(pg: Page, t: "both" | typeof a) {
    const mine = t === "both" ? [a, b] : [t];
    const replicas = mine.reduce((n, x) => n + (x === a ? 1 : 2), 0);
    await expect(pg.getByTestId("container-row")).toHaveCount(replicas);
    await expect(pg.getByTestId("counter-total")).toHaveText(String(replicas));
    await go(pg, "Apps");
    for (const x of [a, b])
      await expect(pg.getByTestId(`app-row-${apps[x.id]}`)).toHaveCount(mine.includes(x) ? 1 : 0);
    await go(pg, "Projects");
    for (const x of [a, b])
      await expect(pg.getByRole("link", { name: `Proj ${x.name}` })).toHaveCount(mine.includes(x) ? 1 : 0);
    await go(pg, "Containers");
    await expect(pg.getByTestId("container-row")).toHaveCount(replicas);
  }

  try {
    await p.goto("/containers");
    await expect(switcher.locator("option")).toHaveCount(3);
    await expect(switcher.locator("option").first()).toHaveText("All my tenants");
    await expectScope(p, "both");
    await expect(rows).toHaveCount(3);

    await switcher.selectOption({ label: a.name });
    await expect(p).toHaveURL(new RegExp(`[?&]tenant=${a.id}`));
    await expectScope(p, a);
    await expect(p).toHaveURL(new RegExp(`/containers\\?tenant=${a.id}$`)); // the links carried it
    await shotWidths(p, "tenant-context-a");

    await switcher.selectOption({ label: b.name });
    await expect(p).toHaveURL(new RegExp(`tenant=${b.id}`));
    await expectScope(p, b);
    await p.reload();
    await expect(switcher).toHaveValue(b.id);
    await expect(total).toHaveText("2");

    // The link shared with someone else (an admin here, who has no choice of their own) shows B's scope too.
    const shared = await browser.newContext({ storageState: "e2e/.auth/admin.json" });
    const admin = await shared.newPage();
    await admin.goto(p.url());
    await expect(admin.getByRole("combobox", { name: "Tenant" })).toHaveValue(b.id);
    await expect(admin.getByTestId("container-row")).toHaveCount(2);
    await expect(admin.getByTestId("counter-total")).toHaveText("2");
    await shared.close();

    await switcher.selectOption({ label: "All my tenants" });
    await expect(p).toHaveURL(/tenant=all/);
    await expect(rows).toHaveCount(3);
    await expect(total).toHaveText("3");
  } finally {
    await user.context.close();
    for (const t of [a, b]) await removeTenantEngineObjects(t.id);
  }
});
