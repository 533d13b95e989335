import { expect, test } from "@playwright/test";

// The header's toggle cycles system → light → dark; the choice survives a reload and applies before paint.
test("switch between light, dark and the system theme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: /^Theme: / });
  await expect(toggle).toHaveAccessibleName(/Theme: system/);
  await expect(html).not.toHaveClass(/dark/);

  await page.emulateMedia({ colorScheme: "dark" }); // "system" follows the preference live
  await expect(html).toHaveClass(/dark/);

  await toggle.click(); // light, whatever the system says
  await expect(toggle).toHaveAccessibleName(/Theme: light/);
  await expect(html).not.toHaveClass(/dark/);
  await toggle.click(); // dark
  await expect(html).toHaveClass(/dark/);
  await page.emulateMedia({ colorScheme: "light" });
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await page.screenshot({ path: "test-results/theme-dark-1440.png", fullPage: true });

  await toggle.click(); // back to system
  await expect(toggle).toHaveAccessibleName(/Theme: system/);
});
