import { expect, test } from "@playwright/test";
import { developerOnLocalHost, expectJson as json, shotWidths } from "./helpers";

// Revisions: each one can be viewed against the current one; a rollback shows that diff before it applies.
const compose = (greeting: string) => `services:
  web:
    image: wharf-busybox:latest
    command: ["sleep", "3600"]
    environment:
      GREETING: ${greeting}
`;

test("roll back with the diff shown: the dialog names what changes, the engine runs the old spec after", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { tenant, dev, headers, localHostId } = await developerOnLocalHost(page, browser, baseURL!, "Revs");
  const p = dev.page;
  let appId = "";
  try {
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Revs" }, headers }),
    );
    const { app } = await json(
      p.request.post(`/api/v1/projects/${project.id}/apps`, {
        data: { name: "greeter", hostId: localHostId, mode: "standalone" },
        headers,
      }),
    );
    appId = app.id;
    for (const greeting of ["hello", "goodbye"])
      await json(
        p.request.post(`/api/v1/apps/${app.id}/deploy`, {
          data: { source: { type: "compose", compose: compose(greeting) } },
          headers,
        }),
      );
    const greetingNow = async () => {
      const a = await json(p.request.get(`/api/v1/apps/${app.id}`));
      const id = a.services[0].replicas[0].id as string;
      const c = await json(p.request.get(`/api/v1/containers/${id}`));
      return (c.raw.Config.Env as string[]).find((e) => e.startsWith("GREETING="));
    };
    expect(await greetingNow()).toBe("GREETING=goodbye");

    await p.goto(`/apps/${app.id}`);
    const revisions = p.getByRole("table", { name: "Revisions" });
    await expect(revisions.getByTestId("revision-2")).toContainText("current");
    await revisions.getByRole("button", { name: "Roll back to #1…" }).click();

    const dialog = p.getByRole("dialog", { name: "Roll back to revision #1?" });
    await expect(dialog.getByRole("list", { name: "Service changes" })).toContainText("web");
    await expect(dialog.getByRole("list", { name: "Service changes" })).toContainText("environment");
    const changed = dialog.locator('[data-testid="diff-line"]:not([data-op="same"])');
    await expect(changed).toHaveText([/^-\s*GREETING: goodbye$/, /^\+\s*GREETING: hello$/]);
    await shotWidths(p, "revision-rollback-diff", { fullPage: false });

    await dialog.getByRole("button", { name: "Roll back to #1" }).click();
    await expect(dialog).toBeHidden();
    await expect(revisions.getByTestId("revision-3")).toContainText("current", { timeout: 30_000 });
    await expect(revisions.getByTestId("revision-3")).toContainText("rollback to revision 1");
    expect(await greetingNow()).toBe("GREETING=hello");

    // Viewing is not rolling back: revision 2 against the new current one, nothing applied.
    await revisions.getByRole("button", { name: "View revision #2" }).click();
    const view = p.getByRole("dialog", { name: "Revision #2" });
    await expect(view.locator('[data-testid="diff-line"][data-op="add"]')).toHaveText(/GREETING: goodbye/);
    await view.getByRole("tab", { name: "Source" }).click();
    await expect(view.getByLabel("Source")).toContainText("GREETING: goodbye");
    await p.keyboard.press("Escape");
    await expect(view).toBeHidden();
    expect((await json(p.request.get(`/api/v1/apps/${app.id}/revisions`))).items).toHaveLength(3);
  } finally {
    if (appId) await p.request.delete(`/api/v1/apps/${appId}`, { headers });
    await dev.context.close();
  }
});
