// The containers page in Debian Chromium: time to first rows, time to apply a sort and a text filter over every
// container, and the tab's JS heap. Times are taken inside the page (input event → DOM showing the result).
import fs from "node:fs";
import { chromium, type Page } from "@playwright/test";
import e2eConfig from "../../playwright.config";

export type PageFigures = {
  rows: number;
  firstRowsMs: number;
  sortMs: number;
  filterMs: number;
  jsHeapBytes: number;
  domRows: number;
  shownTotal: string;
};

const FILTER = "turing";

/**
 * Arms a MutationObserver that records performance.now() the first time `check` holds, and a capture listener that
 * records when the user's input (click or input event) happened. Sent as source text: tsx's helpers (`__name`)
 * do not exist in the page.
 */
async function armWatch(page: Page, check: string, arg: unknown) {
  await page.evaluate(`(() => {
    const w = window, arg = ${JSON.stringify(arg)};
    w.__benchStart = undefined;
    w.__benchDone = undefined;
    const check = () => { ${check} };
    const mark = () => { if (w.__benchStart === undefined) w.__benchStart = performance.now(); };
    document.addEventListener("input", mark, { capture: true, once: true });
    document.addEventListener("click", mark, { capture: true, once: true });
    const obs = new MutationObserver(() => {
      if (w.__benchStart !== undefined && check()) { w.__benchDone = performance.now(); obs.disconnect(); }
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  })()`);
}

async function readWatch(page: Page, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    "window.__benchDone !== undefined && window.__benchStart !== undefined ? window.__benchDone - window.__benchStart : false",
    undefined,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

// In-page conditions (function bodies; `arg` is the watch argument).
const ROWS = `return [...document.querySelectorAll('[data-testid="container-row"]')]`;
const SORTED_BY_IMAGE = `const rows = (() => { ${ROWS} })(); if (rows.length < 5) return false;
  const head = document.querySelector('[role="columnheader"][aria-sort="ascending"]'); if (!head || !/image/i.test(head.textContent)) return false;
  const col = [...document.querySelectorAll('[role="columnheader"]')].findIndex((h) => /image/i.test(h.textContent ?? ""));
  const imgs = rows.map((r) => r.querySelectorAll('[role="cell"]')[col]?.textContent ?? "");
  const names = rows.map((r) => r.dataset.name).join(",");
  return names !== arg && imgs.every((v, i) => i === 0 || imgs[i - 1] <= v);`;
const FILTERED = `const rows = (() => { ${ROWS} })(); return rows.length > 0 && rows.every((r) => (r.textContent ?? "").toLowerCase().includes(arg));`;

export async function measureContainersPage(
  baseUrl: string,
  email: string,
  password: string,
  expectedRows: number,
  log: (m: string) => void,
): Promise<PageFigures> {
  // The e2e suite's Chromium and flags (playwright.config.ts), as bench/ui.ts launches it.
  const browser = await chromium.launch(e2eConfig.use?.launchOptions);
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
    const login = await context.request.post("/api/v1/session", {
      data: { email, password },
      headers: { origin: baseUrl },
    });
    if (login.status() !== 200) throw new Error(`browser login failed: HTTP ${login.status()}`);
    const page = await context.newPage();
    const rowsLocator = page.getByTestId("container-row");

    const t0 = Date.now();
    await page.goto("/containers");
    await rowsLocator.first().waitFor({ timeout: 60_000 });
    const firstRowsMs = Date.now() - t0;
    const shownTotal = (await page.getByTestId("containers-total").textContent({ timeout: 10_000 })) ?? "";
    log(`page: first rows after ${firstRowsMs} ms; footer says "${shownTotal}" (expected ${expectedRows})`);

    // Sort all containers by image.
    const before = (await page.evaluate(
      `[...document.querySelectorAll('[data-testid="container-row"]')].map((r) => r.dataset.name).join(",")`,
    )) as string;
    await armWatch(page, SORTED_BY_IMAGE, before);
    // WHARF_SCALE_PAGE_PROFILE=/tmp/page.cpuprofile records the tab's CPU profile around the sort (and the filter: .filter).
    const profile = process.env.WHARF_SCALE_PAGE_PROFILE ? await context.newCDPSession(page) : null;
    await profile?.send("Profiler.enable");
    await profile?.send("Profiler.start");
    await page.getByRole("columnheader").getByRole("button", { name: /image/i }).click();
    const sortMs = await readWatch(page, 30_000);
    if (profile)
      fs.writeFileSync(
        process.env.WHARF_SCALE_PAGE_PROFILE!,
        JSON.stringify((await profile.send("Profiler.stop")).profile),
      );
    log(`page: sort by image applied in ${sortMs.toFixed(0)} ms`);

    // Text filter over all containers.
    const search = page.getByRole("searchbox").first();
    await armWatch(page, FILTERED, FILTER);
    await profile?.send("Profiler.start");
    await search.fill(FILTER);
    const filterMs = await readWatch(page, 30_000);
    if (profile)
      fs.writeFileSync(
        `${process.env.WHARF_SCALE_PAGE_PROFILE}.filter`,
        JSON.stringify((await profile.send("Profiler.stop")).profile),
      );
    log(`page: filter "${FILTER}" applied in ${filterMs.toFixed(0)} ms`);

    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage").catch(() => {});
    const heap = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
    const domRows = await rowsLocator.count();
    return {
      rows: expectedRows,
      firstRowsMs,
      sortMs,
      filterMs,
      jsHeapBytes: heap.usedSize,
      domRows,
      shownTotal,
    };
  } finally {
    await browser.close();
  }
}
