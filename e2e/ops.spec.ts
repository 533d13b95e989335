import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { uniq, runBusybox } from "./helpers";

// A real container on the real engine: it prints "tick-<n>" every second.
const name = uniq("e2e-ops");
const shot = (page: Page, file: string) => page.screenshot({ path: `docs/screenshots/${file}.png` });

test.use({ viewport: { width: 1280, height: 800 } });

const swarm = (cmd: string) => execFileSync("bash", ["scripts/services/swarm.sh", cmd], { stdio: "ignore" });

// Only a Swarm this file started is left at the end: the services' one (swarm.sh's marker says "ours" for it too)
// serves the files and people running beside this one.
let swarmWasActive = true;
test.beforeAll(() => {
  swarmWasActive =
    execFileSync("docker", ["info", "--format", "{{.Swarm.LocalNodeState}}"]).toString().trim() === "active";
  if (!swarmWasActive) swarm("init");
  runBusybox(name, ["sh", "-c", "i=0; while true; do i=$((i+1)); echo tick-$i; sleep 1; done"]);
});
test.afterAll(() => {
  execFileSync("docker", ["rm", "-f", name]);
  if (!swarmWasActive) swarm("leave");
});

const maxTick = async (page: Page) => {
  const texts = await page.getByTestId("log-line").allTextContents();
  return Math.max(0, ...texts.map((t) => Number(/tick-(\d+)/.exec(t)?.[1] ?? 0)));
};

test("a shell in the browser: type echo hello-wharf and see the output", async ({ page }) => {
  await page.goto(`/containers/${name}?tab=console`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByLabel("Command")).toHaveValue("/bin/sh");
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByText(/^Connected\./)).toBeVisible();
  const terminal = page.getByTestId("terminal");
  await expect(terminal.locator(".xterm-rows")).toContainText("#");
  await terminal.click();
  await page.keyboard.type("echo hello-wharf");
  await page.keyboard.press("Enter");
  // The echoed command line contains the text too; the output is a row of its own.
  await expect(terminal.locator(".xterm-rows > div").filter({ hasText: /^\s*hello-wharf\s*$/ })).toHaveCount(
    1,
  );
  await shot(page, "ops-console");
  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText(/^Disconnected\./)).toBeVisible();
});

test("live logs: a line printed after the page opened appears", async ({ page }) => {
  await page.goto(`/containers/${name}?tab=logs`);
  await expect(page.getByTestId("log-line").first()).toBeVisible();
  await expect(page.getByText("Following live")).toBeVisible();
  const atOpen = await maxTick(page);
  expect(atOpen).toBeGreaterThan(0);
  await expect.poll(() => maxTick(page), { timeout: 15_000 }).toBeGreaterThan(atOpen + 1);
  // Search narrows what is shown, and lives in the URL.
  await page.getByLabel("Search logs").fill(`tick-${atOpen}`);
  await expect(page).toHaveURL(new RegExp(`q=tick-${atOpen}`));
  await expect(page.getByTestId("log-line").first()).toContainText(`tick-${atOpen}`);
  await shot(page, "ops-logs");
});

test("live logs: scrolling up pauses following, and says so until 'Jump to end'", async ({ page }) => {
  const chatty = uniq("e2e-chatty");
  runBusybox(chatty, ["sh", "-c", "seq 1 300 | sed s/^/line-/; while true; do echo more; sleep 1; done"]);
  try {
    await page.goto(`/containers/${chatty}?tab=logs`);
    const scroller = page.getByTestId("log-scroller");
    await expect(scroller).toContainText("line-300");
    await expect(page.getByText("Following paused")).toBeHidden();
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(page.getByText("Following paused: you scrolled up")).toBeVisible();
    const top = await page.getByTestId("log-line").first().textContent();
    await page.waitForTimeout(2_000); // new lines arrive meanwhile; the view stays where the user scrolled
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
    await expect(page.getByTestId("log-line").first()).toHaveText(top!);
    await page.getByRole("button", { name: "Jump to end" }).click();
    await expect(page.getByText("Following paused")).toBeHidden();
    await expect(scroller).toContainText("more");
  } finally {
    execFileSync("docker", ["rm", "-f", chatty]);
  }
});

test("main operations screens render their live data", async ({ page }) => {
  await page.goto(`/containers/${name}`);
  await expect(page.getByRole("heading", { name: "Configuration" })).toBeVisible();
  await expect(page.getByText("wharf-busybox:latest").first()).toBeVisible();
  await shot(page, "ops-container");
  await page.getByRole("tab", { name: "stats" }).click();
  await expect(page.getByText("Live · last 90 s")).toBeVisible();
  await expect(page.getByTestId("cpu-now")).toHaveText(/%/);
  await expect(page.locator("[data-samples]")).toHaveAttribute("data-samples", /^([5-9]|\d\d+)$/); // a few live samples drawn
  await shot(page, "ops-stats");
  await page.goto("/cluster");
  await expect(page.getByRole("table", { name: "Hosts" }).getByRole("link", { name: "local" })).toBeVisible();
  await expect(page.getByText(/Updated .* ago/)).toBeVisible();
  await shot(page, "ops-cluster");
  await page.getByRole("link", { name: "Resources" }).first().click();
  await expect(page.getByRole("table", { name: "Images" })).toContainText("wharf-busybox:latest");
  await expect(page.getByText(name).first()).toBeVisible(); // the image lists our container as a user
  await shot(page, "ops-host-resources");
  await page.getByRole("tab", { name: "events" }).click();
  await expect(page.getByRole("list", { name: "Engine events" })).toBeVisible();
  await page.goto("/swarm");
  await expect(page.getByRole("heading", { name: "Swarm nodes" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Swarm nodes" })).toContainText("manager");
  await expect(page.getByRole("combobox", { name: /^Availability of / }).first()).toHaveValue("active");
  await shot(page, "ops-swarm");
});
