import { execFileSync } from "node:child_process";
import { expect, type APIResponse, type Browser, type Locator, type Page } from "@playwright/test";
import Docker from "dockerode";

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  // Browser and engine share this machine: a bridge the engine has just created (a deploy's network) makes Chromium
  // abort loads in flight (ERR_NETWORK_CHANGED, a chunk that never loads). A user's browser never sees that: reload once.
  await page
    .getByLabel("Email")
    .waitFor({ timeout: 10_000 })
    .catch(() => page.reload());
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * A second, independent browser context (another person), signed in. A one-time password allows nothing but
 * changing it, so it is changed through the API (the page stays where sign-in led) unless `keepOneTimePassword`.
 */
export async function signInNewContext(
  browser: Browser,
  email: string,
  password: string,
  opts: { keepOneTimePassword?: boolean } = {},
) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, email, password);
  if (!opts.keepOneTimePassword && /changePassword=1/.test(page.url())) {
    const res = await page.request.post("/api/v1/me/password", {
      data: { currentPassword: password, newPassword: `${password}-chosen` },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(res.ok(), await res.text()).toBe(true);
  }
  return { context, page };
}

export const uniq = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

/** Awaits an API call and returns its JSON, failing the test with the body when it is not 2xx. */
export async function expectJson(r: Promise<APIResponse>) {
  const res = await r;
  expect(res.ok(), await res.text()).toBe(true);
  return res.json();
}

/**
 * Admin set-up through the API (the admin's `page`): a new tenant, the local host granted to it, and a
 * developer in it — signed in, in a context of their own.
 */
export async function developerOnLocalHost(
  page: Page,
  browser: Browser,
  baseURL: string,
  tenantPrefix: string,
) {
  const headers = { origin: baseURL };
  const tenant = await expectJson(
    page.request.post("/api/v1/tenants", { data: { name: uniq(tenantPrefix) }, headers }),
  );
  const local = await grantLocalHost(page, baseURL, [tenant.id]);
  const email = `${uniq("dev")}@wharf.test`;
  const user = await expectJson(
    page.request.post("/api/v1/users", {
      data: { email, memberships: [{ tenantId: tenant.id, role: "developer" }] },
      headers,
    }),
  );
  const dev = await signInNewContext(browser, email, user.oneTimePassword);
  return { tenant, dev, user: user.user as { id: string }, headers, localHostId: local.id };
}

/** Admin (the admin's `page`): grants the local host to these tenants too; returns the host. */
export async function grantLocalHost(page: Page, baseURL: string, tenantIds: string[]) {
  const hosts = (await (await page.request.get("/api/v1/hosts")).json()).items as {
    id: string;
    name: string;
    tenantIds: string[];
  }[];
  const local = hosts.find((h) => h.name === "local")!;
  await expectJson(
    page.request.put(`/api/v1/hosts/${local.id}/grants`, {
      data: { tenantIds: [...local.tenantIds, ...tenantIds] },
      headers: { origin: baseURL },
    }),
  );
  return local;
}

/** Deploys the reviewed plan on the page (its Deploy button) and waits for the new app's page; the app's id. */
export async function deployReviewedPlan(p: Page): Promise<string> {
  await p.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(p).toHaveURL(/\/apps\/[a-z0-9]+$/, { timeout: 90_000 });
  return p.url().split("/").pop()!;
}

/** The environment the engine runs the app's (first) container with. */
export async function firstContainerEnv(appId: string): Promise<string[]> {
  const docker = new Docker({ socketPath: "/var/run/docker.sock" });
  const [c] = await docker.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
  return (await docker.getContainer(c.Id).inspect()).Config.Env;
}

/**
 * Full-page screenshots at desktop and phone widths (1440 and 390 px) into test-results/, then back to 1280;
 * `fullPage: false` for a modal (a full-page shot repeats the fixed layers mid-page).
 */
export async function shotWidths(page: Page, file: string, { fullPage = true } = {}) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/${file}-${width}.png`, fullPage });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * Clicks `button` and waits for `shown`, clicking once more when Chromium dropped the request: a container the
 * engine has just started (a new veth) makes it abort requests in flight (ERR_NETWORK_CHANGED), and the form then
 * shows fetch's "Failed to fetch". A user's browser on another machine never sees that; a second drop fails.
 */
export async function clickThroughNetworkChange(p: Page, button: Locator, shown: Locator) {
  const dropped = p.getByText("Failed to fetch").first();
  await button.click();
  await expect(shown.or(dropped).first()).toBeVisible();
  if (await dropped.isVisible()) {
    console.log("[clickThroughNetworkChange] the request was dropped (Failed to fetch): clicking again");
    await button.click();
  }
  await expect(shown).toBeVisible();
}

/**
 * A wharf-busybox container `name` started straight on the engine (not by Wharf), running `command`;
 * `network: "none"` where a new veth would make Chromium abort a navigation under way (ERR_NETWORK_CHANGED).
 */
export function runBusybox(name: string, command: string[], { network }: { network?: "none" } = {}) {
  const net = network ? ["--network", network] : [];
  execFileSync("docker", ["run", "-d", ...net, "--name", name, "wharf-busybox:latest", ...command]);
}

/** After a spec: the images the server built or pulled for a tenant (labelled by the server), removed. */
export async function removeTenantImages(tenantId: string) {
  const docker = new Docker({ socketPath: "/var/run/docker.sock" });
  for (const img of await docker.listImages({ filters: { label: [`wharf.tenant=${tenantId}`] } }))
    await docker
      .getImage(img.Id)
      .remove({ force: true })
      .catch(() => undefined);
}

/** After a spec: the containers and networks the server made for a tenant (labelled by the server), removed. */
export async function removeTenantEngineObjects(tenantId: string) {
  const docker = new Docker({ socketPath: "/var/run/docker.sock" });
  const label = { label: [`wharf.tenant=${tenantId}`] };
  for (const c of await docker.listContainers({ all: true, filters: label }))
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
  for (const n of await docker.listNetworks({ filters: label }))
    await docker
      .getNetwork(n.Id)
      .remove()
      .catch(() => undefined);
}
