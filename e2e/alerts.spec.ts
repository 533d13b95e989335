import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { expectJson, uniq, runBusybox } from "./helpers";

// Issue 24 item 6: the header's notification badge rises when an alert fires (a fleet-wide rule, no channel).
const name = uniq("e2e-alert");
let ruleId = "";

test.afterAll(async ({ request, baseURL }) => {
  execFileSync("docker", ["rm", "-f", name], { stdio: "ignore" });
  if (ruleId) await request.delete(`/api/v1/alert-rules/${ruleId}`, { headers: { origin: baseURL ?? "" } });
});

test("the header badge rises when an alert fires, and the notification leads to the alert", async ({
  page,
  baseURL,
}) => {
  const headers = { origin: baseURL ?? "" };
  const rule = await expectJson(
    page.request.post("/api/v1/alert-rules", {
      data: { name: uniq("exits"), kind: "exited", windowMinutes: 5 },
      headers,
    }),
  );
  ruleId = rule.id;
  const before = (await expectJson(page.request.get("/api/v1/notifications/unread"))).unread as number;
  await page.goto("/alerts/rules");
  await expect(page.getByTestId(`rule-row-${rule.name}`)).toBeVisible();

  runBusybox(name, ["sleep", "600"], { network: "none" });
  execFileSync("docker", ["kill", name]); // exit 137: the rule fires, the admin is told in the app

  const badge = page.getByTestId("notification-count");
  await expect(async () => expect(Number(await badge.textContent())).toBeGreaterThan(before)).toPass({
    timeout: 30_000,
  });
  await page.getByTestId("notification-bell").click();
  const item = page.getByTestId("notification").filter({ hasText: rule.name }).first();
  await expect(item).toContainText("Firing");
  await item.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(rule.name);
  await expect(page.getByText(name)).toBeVisible();
  expect((await page.request.delete(`/api/v1/alert-rules/${ruleId}`, { headers })).status()).toBe(204);
  ruleId = "";
});
