import { expect, test } from "@playwright/test";
import Docker from "dockerode";
import { signInNewContext, uniq } from "./helpers";

const docker = new Docker({ socketPath: "/var/run/docker.sock" });

test("an ops user sees the header counter follow a container started and stopped outside Wharf", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = `${uniq("ops")}@wharf.test`;
  const created = await page.request.post("/api/v1/users", {
    data: { email, globalRole: "ops" },
    headers: { origin: baseURL! },
  });
  expect(created.status()).toBe(201);
  const ops = await signInNewContext(browser, email, (await created.json()).oneTimePassword);
  await ops.page.goto("/");
  await expect(ops.page).toHaveURL(/\/cluster$/); // ops land on the cluster, not the developers' overview
  const name = uniq("e2e-fleet");
  await ops.page.goto(`/containers?q=${name}`);
  await expect(ops.page.getByRole("img", { name: "Live", exact: true })).toBeVisible();
  await expect(ops.page.getByTestId("containers-empty")).toBeVisible();
  const running = ops.page.getByTestId("counter-running");
  await expect(running).toHaveText(/^\d+$/);
  const before = Number(await running.textContent());

  // Started with the engine API, not through Wharf: the count rises and the row appears without a reload.
  const c = await docker.createContainer({
    name,
    Image: "busybox:latest",
    Cmd: ["sleep", "600"],
    HostConfig: { NetworkMode: "none" },
  });
  try {
    await c.start();
    await expect
      .poll(async () => Number(await running.textContent()), { timeout: 10_000 })
      .toBeGreaterThan(before);
    const row = ops.page.getByTestId("container-row").filter({ hasText: name });
    await expect(row).toHaveAttribute("data-state", "running");
    const risen = Number(await running.textContent());

    await c.stop({ t: 0 });
    await expect
      .poll(async () => Number(await running.textContent()), { timeout: 10_000 })
      .toBeLessThan(risen);
    await expect(row).toHaveAttribute("data-state", "exited");
  } finally {
    await c.remove({ force: true }).catch(() => {});
    await ops.context.close();
  }
});

test("the containers filters and sort live in the URL", async ({ page }) => {
  await page.goto("/containers?state=running&sort=created&dir=desc");
  await expect(page.getByRole("combobox", { name: "State" })).toHaveValue("running");
  await expect(page.getByRole("columnheader", { name: /Created/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await page.getByRole("combobox", { name: "State" }).selectOption("exited");
  await expect(page).toHaveURL(/state=exited/);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "State" })).toHaveValue("exited");

  // The search box: the first key applies at once and the rest when typing pauses; no typed key is lost to the
  // URL's re-render, and a URL changed from elsewhere (here: the filters cleared by a link) empties the box.
  const search = page.getByRole("searchbox", { name: "Search" });
  await search.pressSequentially("no-such-container", { delay: 30 });
  await expect(search).toHaveValue("no-such-container");
  await expect(page).toHaveURL(/q=no-such-container/);
  await expect(page.getByTestId("containers-total")).toHaveText("0 containers");
  await page.evaluate(() => window.history.pushState(null, "", "/containers"));
  await expect(search).toHaveValue("");
});

test("hosts page shows the local engine live; screenshots of the fleet screens", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/hosts");
  const row = page.getByTestId("host-row-local");
  await expect(row.getByTestId("host-status")).toHaveAttribute("data-state", "up");
  if (process.env.FLEET_SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/hosts.png" });
  await page.getByRole("button", { name: "Add host" }).click();
  await page.getByRole("dialog").getByLabel("Engine URL").fill("tcp://127.0.0.1:2376");
  await expect(page.getByRole("dialog").getByLabel("CA certificate", { exact: true })).toBeVisible();
  if (process.env.FLEET_SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/host-add.png" });
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await row.getByRole("link", { name: "local" }).click();
  await expect(page.getByRole("link", { name: /Images, networks, volumes/ })).toBeVisible();
  if (process.env.FLEET_SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/host.png" });
  await page.goto("/containers");
  await expect(page.getByTestId("containers-total")).not.toHaveText("Loading…");
  if (process.env.FLEET_SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/containers.png" });
});

test("the console's stream carries container changes only while a page shows container rows", async ({
  page,
}) => {
  const isStream = (url: string) => new URL(url).pathname === "/api/v1/stream";
  const streams: string[] = [];
  page.on("request", (r) => {
    if (isStream(r.url())) streams.push(new URL(r.url()).search);
  });
  const first = page.waitForRequest((r) => isStream(r.url()));
  await page.goto("/hosts");
  expect(new URL((await first).url()).search).toBe(""); // the header alone: counters and hosts
  await expect(page.getByRole("img", { name: "Live", exact: true })).toBeVisible();
  const upgraded = page.waitForRequest((r) => r.url().endsWith("/api/v1/stream?containers=1"));
  await page.getByRole("link", { name: /containers running/ }).click();
  await upgraded;
  await expect(
    page.getByTestId("container-row").or(page.getByTestId("containers-empty")).first(),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: "Live", exact: true })).toBeVisible();
  // One reconnect, not one per mounted component (request events reach the test asynchronously, hence the poll).
  await expect.poll(() => streams).toEqual(["", "?containers=1"]);
});
