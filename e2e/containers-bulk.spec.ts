import { expect, test } from "@playwright/test";
import { developerOnLocalHost, expectJson as json, shotWidths, uniq } from "./helpers";

// The containers list: rows grouped by app and service with readable names (full name in the tooltip), and a bulk
// restart of three containers with a confirmation that says what happens and each row's result afterwards.
const compose = `services:
  web:
    image: wharf-busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    deploy: { replicas: 3 }
`;

test("bulk-restart three containers and see each row's result", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const { tenant, dev, headers, localHostId } = await developerOnLocalHost(page, browser, baseURL!, "Bulk");
  const p = dev.page;
  let appId = "";
  try {
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Bulk" }, headers }),
    );
    const name = uniq("trio");
    const { app } = await json(
      p.request.post(`/api/v1/projects/${project.id}/apps`, {
        data: { name, hostId: localHostId, mode: "standalone" },
        headers,
      }),
    );
    appId = app.id;
    await json(
      p.request.post(`/api/v1/apps/${app.id}/deploy`, {
        data: { source: { type: "compose", compose } },
        headers,
      }),
    );
    const replicas = async () =>
      (
        (await json(p.request.get(`/api/v1/apps/${app.id}`))).services[0].replicas as {
          id: string;
          name: string;
        }[]
      ).sort((x, y) => x.name.localeCompare(y.name));
    const started = async () =>
      Promise.all(
        (await replicas()).map(
          async (r) => (await json(p.request.get(`/api/v1/containers/${r.id}`))).state.startedAt as string,
        ),
      );
    const before = await started();

    await p.goto(`/containers?q=${name}`);
    await p.getByRole("checkbox", { name: "Group by app and service" }).check();
    await expect(p).toHaveURL(/sort=app/);
    const rows = p.getByTestId("container-row");
    await expect(rows).toHaveCount(3);
    for (const [i, r] of (await replicas()).entries()) {
      const link = rows.nth(i).getByRole("link", { name: `web_${i + 1}`, exact: true });
      await expect(link).toHaveAttribute("title", r.name);
      await expect(rows.nth(i).getByTestId("row-app")).toHaveText(name);
      await rows
        .nth(i)
        .getByRole("checkbox", { name: `Select ${r.name}` })
        .check();
    }
    await expect(p.getByTestId("selected-count")).toHaveText("3 selected");
    await shotWidths(p, "containers-grouped");

    await p.getByRole("button", { name: "Restart…" }).click();
    const dialog = p.getByRole("dialog", { name: "Restart 3 containers?" });
    await expect(dialog).toContainText("stopped (SIGTERM, then SIGKILL after 10 s) and started again");
    await expect(dialog.getByTestId("bulk-row")).toHaveCount(3);
    await dialog.getByRole("button", { name: "Restart 3" }).click();
    await expect(dialog.getByTestId("bulk-result")).toHaveText(["done", "done", "done"], { timeout: 45_000 });
    await shotWidths(p, "containers-bulk-result", { fullPage: false });
    const after = await started();
    after.forEach((t, i) => expect(t).not.toBe(before[i]));
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(p.getByTestId("selected-count")).toHaveText(/^Select rows/);
  } finally {
    if (appId) await p.request.delete(`/api/v1/apps/${appId}`, { headers });
    await dev.context.close();
  }
});
