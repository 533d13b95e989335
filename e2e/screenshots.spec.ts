import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { consolePages, openLoaded, setTheme } from "./console-pages";

// The screenshots under docs/screenshots/themes/ (<page>-<theme>-<width>.png): the main pages of
// e2e/console-pages.ts and sign-in, light and dark, at 1440 and 390 px, full height. Not part of the suite; to refresh them, build, then run
//   SCREENSHOTS=1 E2E_PORT=3100 npx playwright test e2e/screenshots.spec.ts
// To compare a refactor before and after without touching the docs, name the pages and a folder:
//   SCREENSHOTS=1 SCREENSHOTS_PAGES=overview,apps SCREENSHOTS_DIR=/tmp/before E2E_PORT=3100 npx playwright test …
const dir = process.env.SCREENSHOTS_DIR ?? "docs/screenshots/themes";
const only = process.env.SCREENSHOTS_PAGES?.split(",");
const allMain = [
  "overview",
  "projects",
  "project",
  "apps",
  "app-new",
  "app",
  "templates",
  "builds",
  "build",
  "images",
  "containers",
  "container",
  "cluster",
  "hosts",
  "host-resources",
  "settings",
  "admin-tenants",
  "admin-users",
  "admin-audit",
];
const main = new Set(only ?? allMain);
const sizes = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

test.skip(!process.env.SCREENSHOTS, "refreshes docs/screenshots/themes only when SCREENSHOTS=1");

test("screenshots of the main pages, in both themes, at 1440 and 390 px", async ({
  page,
  baseURL,
  browser,
}) => {
  test.setTimeout(600_000);
  fs.mkdirSync(dir, { recursive: true });
  const { pages, stop } = await consolePages(page, baseURL!);
  const login = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  try {
    for (const size of sizes)
      for (const [p, { name, path }] of [
        ...pages.filter((x) => main.has(x.name)).map((x) => [page, x] as const),
        [login, { name: "login", path: "/login" }] as const,
      ]) {
        await p.setViewportSize(size);
        await openLoaded(p, path);
        await p.addStyleTag({ content: "*, *::before, *::after { transition: none !important; }" });
        for (const theme of ["light", "dark"] as const) {
          await setTheme(p, theme);
          await expect(p.locator("main")).toBeVisible();
          await p.screenshot({ path: `${dir}/${name}-${theme}-${size.width}.png`, fullPage: true });
        }
      }
  } finally {
    stop();
  }
});
