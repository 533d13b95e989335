// Issue 15: a developer pastes a compose file that needs variables → the editor marks them as variables to fill
// (not errors, never "valid") → Review plan asks for the missing ones in a form → a wrong value is refused with
// everything typed kept → plan → deploy; the engine has the values, the app page never shows the secret.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import {
  deployReviewedPlan,
  developerOnLocalHost,
  expectJson as json,
  firstContainerEnv,
  removeTenantEngineObjects,
} from "./helpers";

const shot = (name: string) => `test-results/compose-variables-${name}.png`;

const compose = `services:
  web:
    image: redis:\${TAG:-alpine}
    command: ["sleep", "3600"]
    environment:
      GREETING: \${GREETING}
      LISTEN: "\${PORT:?the port to listen on}"
    secrets:
      - api_token
secrets:
  api_token:
    environment: API_TOKEN
`;

test("paste a file that needs variables, fill them in the form, plan and deploy", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { tenant, dev, headers } = await developerOnLocalHost(page, browser, baseURL!, "Vars");
  const p = dev.page;
  const token = `tok-${randomBytes(6).toString("hex")}`;
  try {
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Vars" }, headers }),
    );
    for (const width of [1440, 390]) {
      await p.setViewportSize({ width, height: width > 800 ? 900 : 844 });
      await p.goto(`/apps/new?project=${project.id}`);
      await p.getByLabel("App name").fill(`vars-${width}`);
      const editor = p.getByTestId("compose-editor").locator(".cm-content");
      await editor.click();
      await editor.evaluate((el, text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        el.dispatchEvent(
          new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
        );
      }, compose);
      // Variables are not errors in the editor, and the file is not called valid before they have values.
      await expect(p.getByTestId("compose-variables")).toContainText("GREETING, PORT");
      await expect(p.getByTestId("compose-valid")).toHaveCount(0);

      await p.getByRole("button", { name: "Review plan" }).click();
      const form = p.getByRole("form", { name: "Missing variables" });
      await expect(form).toBeVisible();
      for (const n of ["GREETING", "PORT", "API_TOKEN"])
        await expect(form.getByText(n, { exact: true })).toBeVisible();
      // API_TOKEN has a secret word: marked secret (a password field) already.
      await expect(form.getByLabel("Value of API_TOKEN")).toHaveAttribute("type", "password");
      await form.getByLabel("Value of GREETING").fill("hello");
      await form.getByLabel("Value of PORT").fill("8080");
      await form.getByLabel("Value of API_TOKEN").fill(token);
      if (width === 1440) await p.screenshot({ path: shot(`form-${width}`), fullPage: true });
      else await form.screenshot({ path: shot(`form-${width}`) });

      // A bad app name is refused: nothing typed is lost, and the next try goes through.
      await p.getByLabel("App name").fill("Bad Name");
      await form.getByRole("button", { name: "Save variables and review plan" }).click();
      await expect(p.getByText(/lowercase letters, digits and dashes/).first()).toBeVisible();
      await expect(form.getByLabel("Value of GREETING")).toHaveValue("hello");
      await expect(form.getByLabel("Value of API_TOKEN")).toHaveValue(token);
      await p.getByLabel("App name").fill(`vars-${width}`);
      await form.getByRole("button", { name: "Save variables and review plan" }).click();

      const plan = p.getByTestId("plan");
      await expect(plan).toContainText("create");
      await expect(form).toHaveCount(0);
      await plan.scrollIntoViewIfNeeded();
      await p.screenshot({ path: shot(`plan-${width}`), fullPage: width === 1440 });
      const appId = await deployReviewedPlan(p);

      // The engine has the values; the page shows the variables, the secret only as a stored secret.
      expect(await firstContainerEnv(appId)).toEqual(
        expect.arrayContaining(["GREETING=hello", "LISTEN=8080"]),
      );
      const vars = p.getByRole("list", { name: "Variables" });
      await expect(vars.getByRole("textbox", { name: "Name" })).toHaveCount(3);
      await expect(p.getByLabel("Value of API_TOKEN")).toHaveAttribute("placeholder", /stored/);
      await expect(p.getByLabel("Value of API_TOKEN")).toHaveValue("");
      // The app page shows the effective file (GET /apps/{id}/compose), with the values it was deployed with.
      const effective = p.getByTestId("effective-compose");
      await effective.locator("summary").click();
      await expect(effective).toContainText("GREETING: hello");
      await expect(effective).toContainText("image: redis:alpine");
      expect(await p.content()).not.toContain(token);
      await p.getByRole("heading", { name: "Variables" }).scrollIntoViewIfNeeded();
      await p.screenshot({ path: shot(`app-${width}`), fullPage: width === 1440 });
      // Edited on the card and saved: the toast, the secret kept, and the saved value after a reload.
      await vars.getByLabel("Value of GREETING").fill("hello again");
      await p.getByRole("button", { name: "Save variables", exact: true }).click();
      await expect(p.getByText("Variables saved (3)")).toBeVisible();
      await p.reload();
      await expect(vars.getByLabel("Value of GREETING")).toHaveValue("hello again");
      await expect(vars.getByLabel("Value of API_TOKEN")).toHaveAttribute("placeholder", /stored/);
    }
  } finally {
    await dev.context.close();
    await removeTenantEngineObjects(tenant.id);
  }
});
