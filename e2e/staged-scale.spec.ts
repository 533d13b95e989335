import { expect, test } from "@playwright/test";
import { developerOnLocalHost, expectJson as json, shotWidths } from "./helpers";

// Staged scaling: +/− and typing only stage; Preview plans the staged change; one Apply deploys it as one
// revision; the field then shows the new desired count beside the running one, and the table never moved.
const compose = `services:
  web:
    image: wharf-busybox:latest
    command: ["sleep", "3600"]
  db:
    image: wharf-busybox:latest
    command: ["sleep", "3600"]
`;

test("stage two services' replicas, preview, apply once; the fields match what runs", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const { tenant, dev, headers, localHostId } = await developerOnLocalHost(page, browser, baseURL!, "Scale");
  const p = dev.page;
  try {
    await p.setViewportSize({ width: 1280, height: 800 });
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Scale" }, headers }),
    );
    const { app } = await json(
      p.request.post(`/api/v1/projects/${project.id}/apps`, {
        data: { name: "staged", hostId: localHostId, mode: "standalone" },
        headers,
      }),
    );
    await json(
      p.request.post(`/api/v1/apps/${app.id}/deploy`, {
        data: { source: { type: "compose", compose } },
        headers,
      }),
    );
    await p.goto(`/apps/${app.id}`);
    const web = p.getByTestId("service-web");
    await expect(p.getByTestId("replicas-web")).toHaveText("1/1");
    const table = p.getByRole("table", { name: "Services" });
    const top = async () => (await table.boundingBox())!.y;
    const y0 = await top();

    // Clicks stage, nothing deploys.
    await web.getByRole("button", { name: "More replicas of web" }).click();
    await web.getByRole("button", { name: "More replicas of web" }).click();
    await p.getByTestId("service-db").getByLabel("Desired replicas of db").fill("2");
    await expect(p.getByTestId("staged")).toHaveText("web 1 → 3, db 1 → 2");
    await expect(p.getByRole("button", { name: "Apply" })).toBeDisabled();
    expect((await json(p.request.get(`/api/v1/apps/${app.id}/revisions`))).items).toHaveLength(1);
    await expect(p.getByTestId("replicas-web")).toHaveText("1/1");

    await p.getByRole("button", { name: "Preview" }).click();
    const plan = p.getByTestId("plan");
    await expect(plan.getByTestId("plan-web")).toContainText("scale");
    await expect(plan.getByTestId("plan-db")).toContainText("scale");
    await shotWidths(p, "staged-scale-preview");
    expect(await top()).toBe(y0);

    await p.getByRole("button", { name: "Apply" }).click();
    await expect(p.getByTestId("replicas-web")).toHaveText("3/3", { timeout: 60_000 });
    await expect(p.getByTestId("replicas-db")).toHaveText("2/2");
    await expect(web.getByLabel("Desired replicas of web")).toHaveValue("3");
    await expect(p.getByTestId("service-db").getByLabel("Desired replicas of db")).toHaveValue("2");
    await expect(p.getByTestId("staged")).toHaveCount(0);
    expect(await top()).toBe(y0);
    await expect(p.getByTestId("revision-2")).toContainText("scale web to 3, db to 2");
    await expect(p.getByTestId("revision-3")).toHaveCount(0);
    await shotWidths(p, "staged-scale-applied");
  } finally {
    const apps = (await (await p.request.get("/api/v1/apps")).json()).items ?? [];
    for (const a of apps) await p.request.delete(`/api/v1/apps/${a.id}?volumes=true`, { headers });
    await dev.context.close();
  }
});
