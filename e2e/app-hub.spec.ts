import { expect, test, type Page } from "@playwright/test";
import { developerOnLocalHost, expectJson as json, shotWidths, uniq } from "./helpers";

// The app page as a hub: from the deployed sample to one container's logs and console, and back; one service restarts.

// The page's own URL writes (the log viewer's debounced search, 250 ms after it mounts) once replaced the URL with
// itself just after a click on a link, and Next's router dropped the click: the round trip below catches it
// (lib/client/use-url-filters.ts now skips a write that changes nothing).
test("from the sample app to a container's logs and console, and back; restart one service", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { tenant, dev, headers } = await developerOnLocalHost(page, browser, baseURL!, "Hub");
  const p = dev.page;
  let appId = "";
  try {
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Hub" }, headers }),
    );
    const { compose } = await json(p.request.get("/api/v1/apps/sample"));
    // The sample on auto-assigned host ports, so parallel runs do not collide.
    const source = { type: "compose", compose: compose.replace(/"500[01]:80"/g, '"80"') };
    const { app } = await json(
      p.request.post(`/api/v1/projects/${project.id}/apps`, {
        data: { name: uniq("vote"), hostId: (await localHost(p)).id, mode: "standalone" },
        headers,
      }),
    );
    appId = app.id;
    await json(p.request.post(`/api/v1/apps/${app.id}/deploy`, { data: { source }, headers }));

    await p.goto(`/apps/${app.id}`);
    const vote = p.getByTestId("service-vote");
    await expect(vote.getByTestId("replica")).toHaveCount(1);
    // .first(): an engine may give the IPv4 and IPv6 bindings of an auto-assigned port two different host ports
    // (Docker 20.10 did once in CI), and the page then rightly shows both.
    await expect(vote.getByRole("link", { name: /^\d+→80\/tcp$/ }).first()).toHaveAttribute(
      "href",
      /^http:\/\/127\.0\.0\.1:\d+\/$/,
    );
    await expect(p.getByRole("tab", { name: "Logs" })).toHaveAttribute("aria-selected", "true");
    await p.getByRole("combobox", { name: "Logs of service" }).selectOption("worker");
    await expect(p).toHaveURL(/service=worker/);
    await shotWidths(p, "app-hub");

    const breadcrumbBack = async () => {
      await p.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: app.name }).click();
      await expect(p).toHaveURL(new RegExp(`/apps/${app.id}$`));
    };
    await vote.getByRole("link", { name: /^Logs of / }).click();
    await expect(p).toHaveURL(/\/containers\/[0-9a-f]{64}\?tab=logs/);
    await expect(p.getByRole("tab", { name: "logs" })).toHaveAttribute("aria-selected", "true");
    await expect(p.getByTestId("log-line").first()).toBeVisible();
    await breadcrumbBack();

    await vote.getByRole("link", { name: /^Console of / }).click();
    await expect(p.getByRole("tab", { name: "console" })).toHaveAttribute("aria-selected", "true");
    await p.getByRole("button", { name: "Connect" }).click();
    await expect(p.getByText(/^Connected\./)).toBeVisible();
    const terminal = p.getByTestId("terminal");
    await terminal.click();
    await p.keyboard.type("echo hub-$((40+2))");
    await p.keyboard.press("Enter");
    await expect(terminal.locator(".xterm-rows > div").filter({ hasText: /^\s*hub-42\s*$/ })).toHaveCount(1);
    await p.getByRole("button", { name: "Disconnect" }).click();
    await breadcrumbBack();

    const workerId = await p
      .getByTestId("service-worker")
      .getByRole("link", { name: /^Logs of / })
      .getAttribute("href");
    const startedAt = async () =>
      (await json(p.request.get(`/api/v1/containers/${workerId!.split("/")[2].split("?")[0]}`))).state
        .startedAt;
    const before = await startedAt();
    await p.getByRole("button", { name: "Restart worker" }).click();
    await expect.poll(startedAt, { timeout: 30_000 }).not.toBe(before);
  } finally {
    if (appId) await p.request.delete(`/api/v1/apps/${appId}?volumes=true`, { headers });
    await dev.context.close();
  }
});

async function localHost(p: Page) {
  const hosts = (await json(p.request.get("/api/v1/hosts"))).items as { id: string; name: string }[];
  return hosts.find((h) => h.name === "local")!;
}
