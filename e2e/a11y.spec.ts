import { createRequire } from "node:module";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { z } from "zod";
import { consolePages, openLoaded, setTheme } from "./console-pages";
import { MAIN_LIST_PAGES } from "./first-rows";

// axe on every page of the console (e2e/console-pages.ts) and on sign-in, in the light and the dark theme: zero
// serious or critical violations. One load per page: audited in light, then switched live to dark the way the
// header's toggle does it (only <html>'s class changes), and audited again for what depends on colours.
// On the way, the skeletons' promise: each main list page (e2e/first-rows.ts) shows its rows with no layout shift.
// Speed: two tabs audit pages side by side (each in its own context, so one tab's theme never reaches the other),
// and axe-core is injected once per page load rather than once per audit (see `auditor`).

// A failure lists each violation with its nodes; a trace (a screencast of each tab) would double the time taken.
test.use({ trace: "off" });

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** The WCAG 2.1 A/AA rules whose outcome depends on colours (axe-core 4.x). */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];
const TABS = 2;
/** The Core Web Vitals' "good" cumulative layout shift. */
const MAX_CLS = 0.1;

type Found = { page: string; theme: string; rule: string; impact: string; nodes: string[] };

/** The axe-core that @axe-core/playwright itself loads (its dependency, so always its version). */
const AXE_SOURCE = z
  .object({ source: z.string() })
  .parse(createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright"))("axe-core")).source;

/**
 * @axe-core/playwright, run on axe-core already in the page: by default each analyze() re-sends the 500 kB source
 * and finishes in a new blank page, 2–3 s per audit on this machine against 0.2–1 s for the audit itself.
 * Legacy mode runs axe.run() in the page (there are no iframes to cross); the stub source keeps it from re-sending.
 */
async function auditor(page: Page) {
  await page.evaluate(AXE_SOURCE);
  return () =>
    new AxeBuilder({ page, axeSource: "/* axe-core: injected by auditor() */" })
      .setLegacyMode()
      .options({ resultTypes: ["violations"] });
}

/** The layout shifts since navigation not caused by input (the page's CLS), and what moved in each. */
const layoutShifts = (page: Page) =>
  page.evaluate(() => {
    type Shift = PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources?: { node?: Node | null }[];
    };
    const observer = new PerformanceObserver(() => undefined);
    observer.observe({ type: "layout-shift", buffered: true });
    // The buffered entries are queued on observe(): taken here at once, without waiting for the callback.
    const shifts = (observer.takeRecords() as Shift[]).filter((s) => !s.hadRecentInput);
    observer.disconnect();
    const describe = (node?: Node | null) => {
      const el = node instanceof Element ? node : node?.parentElement;
      return el ? `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)}` : "?";
    };
    return {
      cls: shifts.reduce((sum, s) => sum + s.value, 0),
      moved: shifts.map(
        (s) => `${s.value.toFixed(3)}: ${(s.sources ?? []).map((x) => describe(x.node)).join(", ")}`,
      ),
    };
  });

async function auditPage(page: Page, path: string, found: Found[], shifts: string[]) {
  const t0 = Date.now();
  await openLoaded(page, path);
  const listPage = MAIN_LIST_PAGES.find((p) => p.path === path);
  if (listPage) {
    await expect(page.locator(listPage.row).first(), `${path}: its first data row`).toBeVisible();
    const { cls, moved } = await layoutShifts(page);
    if (cls >= MAX_CLS) shifts.push(`${path}: CLS ${cls.toFixed(3)} (${moved.join("; ")})`);
    if (process.env.A11Y_TIMING) console.log(`${path}: CLS ${cls.toFixed(3)} (${moved.join("; ")})`);
  }
  const loaded = Date.now() - t0;
  const audit = await auditor(page);
  // Colours are measured at rest, not halfway through a hover or theme transition.
  await page.addStyleTag({ content: "*, *::before, *::after { transition: none !important; }" });
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    // Light: every WCAG 2.1 A/AA rule. Dark: the same DOM with other colours, so the rules that read colours.
    const { violations } = await (
      theme === "light" ? audit().withTags(WCAG_21_AA) : audit().withRules(COLOUR_RULES)
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
  if (process.env.A11Y_TIMING) console.log(`${path}: loaded ${loaded} ms, audited ${Date.now() - t0} ms`);
}

/** Sign-in, signed out (a context of its own). */
async function auditSignIn(browser: Browser, found: Found[]) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    await auditPage(await context.newPage(), "/login", found, []);
  } finally {
    await context.close();
  }
}

test("no serious or critical axe violations on any page, in the light and the dark theme", async ({
  page,
  baseURL,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const found: Found[] = [];
  const shifts: string[] = [];
  // Sign-in is audited while the admin sets up the objects the detail pages show.
  const signIn = auditSignIn(browser, found);
  const { pages, stop } = await consolePages(page, baseURL!);
  const queue = pages.map((p) => p.path);
  const contexts = await Promise.all(
    Array.from({ length: TABS - 1 }, () =>
      browser.newContext({ storageState: testInfo.project.use.storageState }),
    ),
  );
  try {
    const tabs = [page, ...(await Promise.all(contexts.map((c) => c.newPage())))];
    // Each tab takes the next page off the queue until it is empty.
    await Promise.all([
      signIn,
      ...tabs.map(async (tab) => {
        for (let path = queue.shift(); path; path = queue.shift()) await auditPage(tab, path, found, shifts);
      }),
    ]);
  } finally {
    stop();
    await Promise.all(contexts.map((c) => c.close()));
  }

  const nodesPerRule: Record<string, number> = {};
  for (const f of found) nodesPerRule[f.rule] = (nodesPerRule[f.rule] ?? 0) + f.nodes.length;
  expect(found, `nodes per rule: ${JSON.stringify(nodesPerRule)}\n${JSON.stringify(found, null, 2)}`).toEqual(
    [],
  );
  expect(shifts, "layout shift while a main list loads").toEqual([]);
});
