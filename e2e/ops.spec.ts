import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { uniq } from "./helpers";

// A real container on the real engine: it prints "tick-<n>" every second.
const name = uniq("e2e-ops");

test.beforeAll(() => {
  execFileSync("docker", ["run", "-d", "--name", name, "wharf-busybox:latest", "sh", "-c", "i=0; while true; do i=$((i+1)); echo tick-$i; sleep 1; done"]);
});
test.afterAll(() => {
  execFileSync("docker", ["rm", "-f", name]);
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
  await expect(terminal.locator(".xterm-rows > div").filter({ hasText: /^\s*hello-wharf\s*$/ })).toHaveCount(1);
  await page.screenshot({ path: "test-results/ops-console.png" });
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
  await page.screenshot({ path: "test-results/ops-logs.png" });
});
