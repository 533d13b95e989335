import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { consolePages, openLoaded, setTheme } from "./console-pages";

// axe on every page of the console (e2e/console-pages.ts) and on sign-in, in the light and the dark theme: zero
// serious or critical violations. One load per page: audited in light, then switched live to dark the way the
// header's toggle does it (only <html>'s class changes), and audited again for what depends on colours.

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** The WCAG 2.1 A/AA rules whose outcome depends on colours (axe-core 4.x). */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

type Found = { page: string; theme: string; rule: string; impact: string; nodes: string[] };

async function auditBothThemes(page: Page, path: string, found: Found[]) {
  await openLoaded(page, path);
  // Colours are measured at rest, not halfway through a hover or theme transition.
  await page.addStyleTag({ content: "*, *::before, *::after { transition: none !important; }" });
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    // Light: every WCAG 2.1 A/AA rule. Dark: the same DOM with other colours, so the rules that read colours.
    const axe = new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
    const { violations } = await (
      theme === "light" ? axe.withTags(WCAG_21_AA) : axe.withRules(COLOUR_RULES)
    ).analyze();
    for (const v of violations)
      if (v.impact === "serious" || v.impact === "critical")
        found.push({
          page: path,
          theme,
          rule: v.id,
          impact: v.impact,
          // What and why (for contrast: both colours and the ratio), enough to find the shared class at fault.
          nodes: v.nodes.map(
            (n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`,
          ),
        });
  }
}

test("no serious or critical axe violations on any page, in the light and the dark theme", async ({
  page,
  baseURL,
  browser,
}) => {
  test.setTimeout(300_000);
  const { pages, stop } = await consolePages(page, baseURL!);
  const found: Found[] = [];
  try {
    for (const { path } of pages) await auditBothThemes(page, path, found);
  } finally {
    stop();
  }
  // Sign-in, signed out.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await auditBothThemes(await context.newPage(), "/login", found);
  await context.close();

  const nodesPerRule: Record<string, number> = {};
  for (const f of found)
    nodesPerRule[`${f.rule} (${f.theme})`] = (nodesPerRule[`${f.rule} (${f.theme})`] ?? 0) + f.nodes.length;
  expect(found, `nodes per rule: ${JSON.stringify(nodesPerRule)}\n${JSON.stringify(found, null, 2)}`).toEqual(
    [],
  );
});
