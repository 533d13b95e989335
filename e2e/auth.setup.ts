import { expect, test as setup } from "@playwright/test";
import { signIn } from "./helpers";

// Signs the first admin in once; specs start from this saved session (storageState).
setup("sign in as the first admin", async ({ page }) => {
  await signIn(
    page,
    process.env.E2E_ADMIN_EMAIL ?? "admin@wharf.test",
    process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password-0123",
  );
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.context().storageState({ path: "e2e/.auth/admin.json" });
});
