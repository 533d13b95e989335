import { expect, test } from "@playwright/test";
import { clickThroughNetworkChange, developerOnLocalHost, expectJson as json, shotWidths } from "./helpers";
import { freePort } from "../tests/helpers/free-port";

// A first deploy that fails recovers: the plan names a host port in use, the developer fixes the same form and
// deploys; a failed app's page offers "edit and redeploy" with its last source, never a rollback to it.

test("a first deploy on a taken host port: refused at plan, fixed in place, deployed; a failed app is edited and redeployed", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { tenant, dev, headers, localHostId } = await developerOnLocalHost(page, browser, baseURL!, "First");
  const p = dev.page;
  try {
    await p.setViewportSize({ width: 1280, height: 800 });
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "First" }, headers }),
    );
    // The tenant's own app already holds the port.
    const taken = await freePort();
    const holder = await json(
      p.request.post(`/api/v1/projects/${project.id}/apps`, {
        data: { name: "holder", hostId: localHostId, mode: "standalone" },
        headers,
      }),
    );
    await json(
      p.request.post(`/api/v1/apps/${holder.app.id}/deploy`, {
        data: {
          source: {
            type: "compose",
            compose: `services:\n  web:\n    image: wharf-busybox:latest\n    command: ["sleep", "3600"]\n    ports: ["${taken}:80"]\n`,
          },
        },
        headers,
      }),
    );

    await p.goto(`/apps/new?project=${project.id}`);
    await p.getByLabel("App name").fill("web");
    await p.getByRole("tab", { name: "Image" }).click();
    await p.getByLabel("Image", { exact: true }).fill("wharf-busybox:latest");
    await p.getByLabel("Command", { exact: true }).fill("sleep 3600");
    await p.getByLabel("Ports").fill(`${taken}:80`);
    // The plan is asked for right after the holder's container started (see clickThroughNetworkChange).
    await clickThroughNetworkChange(
      p,
      p.getByRole("button", { name: "Review plan" }),
      p.getByText(`host port ${taken}/tcp is already in use on this host`).first(),
    );
    await expect(p.getByRole("button", { name: "Deploy" })).toBeDisabled();
    await shotWidths(p, "first-deploy-port-taken");

    const free = await freePort();
    await p.getByLabel("Ports").fill(`${free}:80`);
    await expect(p.getByLabel("App name")).toHaveValue("web");
    await p.getByRole("button", { name: "Review plan" }).click();
    await expect(p.getByTestId("plan")).toContainText("create");
    await p.getByRole("button", { name: "Deploy" }).click();
    await expect(p).toHaveURL(/\/apps\/[a-z0-9]+$/, { timeout: 60_000 });
    await expect(p.getByTestId("replicas-app")).toHaveText("1/1");

    // A first deploy that fails at run time: the page offers the last source to edit, and no rollback.
    const failing = await json(
      p.request.post(`/api/v1/projects/${project.id}/apps`, {
        data: { name: "crashes", hostId: localHostId, mode: "standalone" },
        headers,
      }),
    );
    const res = await p.request.post(`/api/v1/apps/${failing.app.id}/deploy`, {
      data: {
        source: {
          type: "image",
          image: {
            image: "wharf-busybox:latest",
            command: ["sh", "-c", "exit 3"],
            ports: [{ target: 80, protocol: "tcp" }],
          },
        },
      },
      headers,
    });
    expect(res.status()).toBe(422);
    await p.goto(`/apps/${failing.app.id}`);
    const edit = p.getByRole("region", { name: "Edit and redeploy" });
    await expect(edit.getByRole("tab", { name: "Image" })).toHaveAttribute("aria-selected", "true");
    await expect(edit.getByLabel("Image", { exact: true })).toHaveValue("wharf-busybox:latest");
    await expect(edit.getByLabel("Command", { exact: true })).toHaveValue('sh -c "exit 3"'); // quoting kept on prefill
    await expect(p.getByTestId("revision-1")).toContainText("failed");
    await expect(p.getByRole("button", { name: /Roll back/ })).toHaveCount(0);
    await shotWidths(p, "failed-app-edit");
    await edit.getByLabel("Command", { exact: true }).fill("sleep 3600");
    await edit.getByRole("button", { name: "Review plan" }).click();
    await edit.getByRole("button", { name: "Deploy" }).click();
    await expect(p.getByTestId("replicas-app")).toHaveText("1/1", { timeout: 60_000 });
    await expect(p.getByTestId("revision-2")).toContainText("succeeded");
  } finally {
    const apps = (await (await p.request.get("/api/v1/apps")).json()).items ?? [];
    for (const a of apps) await p.request.delete(`/api/v1/apps/${a.id}?volumes=true`, { headers });
    await dev.context.close();
  }
});
