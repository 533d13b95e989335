import { expect, test } from "@playwright/test";
import { uniq } from "./helpers";

// The rule and channel forms (components/alerts, one add-or-edit hook and OwnedList's dialog): a rule added and
// renamed through its form, a channel refused inline by the create schema before anything is sent.
const first = uniq("e2e-rule");
const renamed = `${first}-renamed`;

test.afterAll(async ({ request, baseURL }) => {
  const rules = (await (await request.get("/api/v1/alert-rules")).json()).items as {
    id: string;
    name: string;
  }[];
  for (const r of rules.filter((x) => x.name === first || x.name === renamed))
    await request.delete(`/api/v1/alert-rules/${r.id}`, { headers: { origin: baseURL ?? "" } });
});

test("an admin adds a rule and renames it through its form; a channel's bad URL is refused inline", async ({
  page,
}) => {
  await page.goto("/alerts/rules");
  await page.getByRole("button", { name: "Add rule" }).first().click();
  const add = page.getByRole("dialog", { name: "Add rule" });
  await add.getByLabel("Name").fill(first);
  await add.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`Rule ${first} saved`)).toBeVisible();
  await expect(add).toBeHidden();
  const row = page.getByTestId(`rule-row-${first}`);
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${first}` });
  await expect(edit.getByLabel("Name")).toHaveValue(first);
  await edit.getByLabel("Name").fill(renamed);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId(`rule-row-${renamed}`)).toBeVisible();
  await expect(row).toHaveCount(0);

  await page.goto("/alerts/channels");
  await page.getByRole("button", { name: "Add channel" }).first().click();
  const channel = page.getByRole("dialog", { name: "Add channel" });
  await channel.getByLabel("Name").fill(uniq("e2e-channel"));
  await channel.getByLabel("URL").fill("ftp://example.com/hook");
  await channel.getByLabel("Signing secret").fill("a-secret-of-enough-length");
  await channel.getByRole("button", { name: "Save" }).click();
  await expect(channel.getByText("must be an http(s) URL", { exact: true })).toBeVisible();
  await expect(channel.getByLabel("URL")).toHaveAttribute("aria-invalid", "true");
  await channel.getByRole("button", { name: "Cancel" }).click();
  await expect(channel).toBeHidden();
});
