// npm run bench:ui — how soon each main page shows its first data row, in a real Chromium against the production
// server, with the voting app deployed and 200 more containers (the shared stand-in image only).
// For each page: one unmeasured warm-up load, then LOADS cold loads (a fresh browser context each: no HTTP cache,
// no TanStack cache; its window's own browser UI loaded first, as in a browser a person already has open), timed from
// navigation start to the first row of real data (skeleton rows, `data-skeleton`,
// do not count). Prints each page's p95 next to the previous commit's and the 500 ms target, and appends the run to
// bench/results/ui.json (the only file it writes). The previous commit: build it once into another dist dir and
// pass it, so both are measured in one run on the same data and fleet:
//   git worktree add /tmp/prev HEAD~1 && (cd /tmp/prev && … npx next build) && cp -a /tmp/prev/.next .next-main
//   BENCH_BASELINE_DIST=.next-main BENCH_BASELINE_COMMIT=<sha> npm run bench:ui
// Without it the baseline is the latest earlier run in the results file. Needs `next build`, the local engine and
// /usr/bin/chromium; removes every container, network and volume it made.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { chromium, type Browser } from "@playwright/test";
import { z } from "zod";
import { MAIN_LIST_PAGES } from "../e2e/first-rows";
import e2eConfig from "../playwright.config";
import {
  engine,
  localHostId,
  removeTenantObjects,
  setupTenant,
  votingCompose,
} from "../tests/deploy/helpers";
import { ApiClient } from "../tests/helpers/api-client";
import { startWharfServer } from "../tests/helpers/wharf-server";

declare global {
  interface Window {
    /** performance.now() when the first data row appeared (set by the init script). */
    __firstRow?: number;
  }
}

const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const EXTRA = Number(process.env.BENCH_EXTRA_CONTAINERS ?? 200);
const TARGET_MS = 500;
/** How long a fresh window's own UI takes to load before a timed navigation (measured 0.4–1.1 s; see below). */
const BROWSER_UI_SETTLE_MS = Number(process.env.BENCH_BROWSER_SETTLE_MS ?? 1200);
const RESULTS = "bench/results/ui.json";
const BENCH_LABEL = "wharf-bench-ui";

/** Each main page and what its first data row is (shared with the a11y spec's no-layout-shift check). */
const PAGES = MAIN_LIST_PAGES;

const Run = z.object({
  commit: z.string(),
  note: z.string().optional(),
  at: z.string(),
  loads: z.number(),
  containers: z.number(),
  pages: z.record(
    z.string(),
    z.object({
      p95: z.number(),
      median: z.number(),
      samples: z.array(z.number()),
      /** Per sample, ms from navigation start: the HTML's first byte, its last byte, DOMContentLoaded. */
      phases: z.array(z.object({ ttfb: z.number(), html: z.number(), dcl: z.number() })).optional(),
    }),
  ),
});
type Run = z.infer<typeof Run>;
const Results = z.object({ targetMs: z.number(), runs: z.array(Run) });

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args).toString().trim();
/**
 * What the figures describe: HEAD, or BENCH_COMMIT when the build is of another tree (a baseline measured with
 * this bench added to an older commit), with BENCH_NOTE saying how it was obtained.
 */
const commit = process.env.BENCH_COMMIT ?? sh("git", ["rev-parse", "--short=12", "HEAD"]);
const note =
  process.env.BENCH_NOTE ?? `HEAD${sh("git", ["status", "--porcelain"]) ? " with uncommitted changes" : ""}`;
/** Nearest rank: with 5 loads the p95 is the slowest one. */
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1];

/** Milliseconds from navigation start to the first element matching `row`, in a fresh context. */
async function timeToFirstRow(
  browser: Browser,
  baseUrl: string,
  cookie: string,
  path: string,
  row: string,
  timeout = 30_000,
) {
  const eq = cookie.indexOf("="); // the value may itself hold "="
  const [name, value] = [cookie.slice(0, eq), cookie.slice(eq + 1)];
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name, value, url: baseUrl }]);
  // Watches every DOM change from the first byte, so the figure is when the row appeared, not when we looked.
  // A string, not a function: tsx (esbuild keepNames) wraps functions in a `__name` helper the page does not have.
  await context.addInitScript({
    content: `{
      const check = () => {
        if (window.__firstRow === undefined && document.querySelector(${JSON.stringify(row)}))
          window.__firstRow = performance.now();
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true });
      document.addEventListener("DOMContentLoaded", check);
    }`,
  });
  const page = await context.newPage();
  // A new window's first navigation makes Chromium load its own address-bar UI (chrome://omnibox-popup, ~400 modules
  // in a renderer of its own): 0.4–1 s of CPU, overlapping the timed load in about half of the fresh contexts on this
  // machine's 2 cores (a trace of the load, docs/operations.md "Page speed"). A person's browser did that once, long
  // before; so the window navigates once to a blank page and lets it finish before the timed load.
  await page.goto("about:blank");
  await page.waitForTimeout(BROWSER_UI_SETTLE_MS);
  // The API calls the page made: a list asked for by the client means its server-rendered rows were missing.
  const asked: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/api/v1/")) asked.push(u.pathname.slice("/api/v1".length));
  });
  try {
    await page.goto(`${baseUrl}${path}`, { waitUntil: "commit" });
    const shown = await page
      .waitForFunction(() => window.__firstRow !== undefined, null, { timeout })
      .then(() => true)
      .catch(() => false);
    // A load that never shows a row counts as the whole timeout (a p95 that misses), without ending the run.
    if (!shown) {
      console.log(`${path}: no "${row}" on ${page.url()} within ${timeout / 1000} s`);
      return { ms: timeout, ttfb: -1, html: -1, dcl: -1, asked }; // -1: not measured
    }
    // Where the time went: the HTML's first byte and last byte, and when the document was parsed, next to the row.
    // A string, like the init script: a named helper inside a function would need tsx's `__name`.
    const [ms, ttfb, html, dcl] = await page.evaluate<number[]>(`(() => {
      const nav = performance.getEntriesByType("navigation")[0] || {};
      return [window.__firstRow, nav.responseStart, nav.responseEnd, nav.domContentLoadedEventEnd]
        .map((n) => Math.round(n ?? -1));
    })()`);
    return { ms, ttfb, html, dcl, asked };
  } finally {
    await context.close();
  }
}

async function deployFleet(admin: ApiClient, tenants: string[]) {
  const hostId = await localHostId(admin);
  const t = await setupTenant(admin, hostId, `Bench UI ${Date.now().toString(36)}`, {
    maxContainers: EXTRA + 50,
    maxMemoryMb: 1_000_000,
    maxCpus: 1000,
  });
  tenants.push(t.tenantId); // removed at the end even when a step below fails
  const { compose } = await votingCompose();
  const voting = await t.dev.post(`/projects/${t.projectId}/apps`, {
    name: "voting-app",
    hostId,
    mode: "standalone",
    source: { type: "compose", compose },
  });
  if (voting.status !== 201) throw new Error(`voting app: ${voting.status} ${JSON.stringify(voting.body)}`);
  const d = await t.dev.post(`/apps/${voting.body.app.id}/deploy`, { source: { type: "compose", compose } });
  if (d.status !== 200) throw new Error(`voting deploy: ${d.status} ${JSON.stringify(d.body)}`);
  // 200 more, made straight on the engine (one deploy of many replicas overloads this 2-core engine's 10 s calls):
  // the shared busybox stand-in doing nothing, labelled so the run removes them.
  const stamp = Date.now().toString(36);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < EXTRA; i = next++) {
      const c = await engine.createContainer({
        name: `${BENCH_LABEL}-${stamp}-${i}`,
        Image: "wharf-busybox:latest",
        Cmd: ["sleep", "86400"],
        Labels: { [BENCH_LABEL]: "1" },
      });
      await c.start();
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

function readResults() {
  if (!fs.existsSync(RESULTS)) return { targetMs: TARGET_MS, runs: [] as Run[] };
  return Results.parse(JSON.parse(fs.readFileSync(RESULTS, "utf8")));
}

/**
 * The previous commit's figures: with BENCH_BASELINE_DIST (a `next build` of it, e.g. `.next-main`; its commit in
 * BENCH_BASELINE_COMMIT) measured in this run, right before HEAD's, on the same data and fleet; else the latest
 * earlier run in bench/results/ui.json.
 */
const baselineDist = process.env.BENCH_BASELINE_DIST;
const baselineCommit = process.env.BENCH_BASELINE_COMMIT ?? "baseline";

/** One server on `dataDir` (the same installation each time), every page timed; the server is stopped after. */
async function measure(dataDir: string, adminPassword: string, env: Record<string, string>, run: Run) {
  const server = await startWharfServer({ dataDir, adminPassword, env });
  try {
    const admin = await new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
    if (!tenants.length) await deployFleet(admin, tenants);
    const counters = (await admin.get("/counters")).body;
    run.containers = Number(counters?.containers?.total ?? 0);
    console.log(`${run.commit}: fleet ${JSON.stringify(counters)}`);
    for (const p of PAGES) {
      // Warm-up, not counted: fills the server's caches (the cluster's first figures sample every container).
      await timeToFirstRow(browser, server.baseUrl, admin.cookie, p.path, p.row, 180_000);
      const loads = [];
      for (let i = 0; i < LOADS; i++)
        loads.push(await timeToFirstRow(browser, server.baseUrl, admin.cookie, p.path, p.row));
      const samples = loads.map((l) => l.ms);
      const phases = loads.map(({ ttfb, html, dcl }) => ({ ttfb, html, dcl }));
      run.pages[p.path] = { p95: percentile(samples, 95), median: percentile(samples, 50), samples, phases };
      const shown = loads.map(
        (l) =>
          `${l.ms} (first byte ${l.ttfb}, html ${l.html}, dcl ${l.dcl}${l.ms > TARGET_MS ? `; asked ${l.asked.join(" ")}` : ""})`,
      );
      console.log(`${run.commit} ${p.path}: ${shown.join(", ")} ms`);
    }
  } finally {
    await server.stop();
  }
}

const tenants: string[] = [];
// The e2e suite's Chromium, with its flags.
const browser = await chromium.launch(e2eConfig.use?.launchOptions);
const newRun = (c: string, n: string): Run => ({
  commit: c,
  note: n,
  at: new Date().toISOString(),
  loads: LOADS,
  containers: 0,
  pages: {},
});
const run = newRun(commit, note);
const baseline = baselineDist
  ? newRun(
      baselineCommit,
      `build of ${baselineCommit} (${baselineDist}), measured in the same run just before`,
    )
  : undefined;
const dataDir = fs.mkdtempSync(`${os.tmpdir()}/wharf-bench-ui-`);
const adminPassword = `bench-${Date.now().toString(36)}-password`;
try {
  if (baseline && baselineDist)
    await measure(dataDir, adminPassword, { NEXT_DIST_DIR: baselineDist }, baseline);
  await measure(dataDir, adminPassword, {}, run);
} finally {
  await browser.close();
  await removeTenantObjects(tenants);
  for (const c of await engine.listContainers({ all: true, filters: { label: [BENCH_LABEL] } }))
    await engine.getContainer(c.Id).remove({ force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const results = readResults();
const previous = baseline ?? [...results.runs].reverse().find((r) => r.commit !== commit);
const pad = (s: string, n: number) => s.padEnd(n);
console.log(
  `\ntime to the first data row, p95 of ${LOADS} cold loads (${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}; ${run.containers} containers)`,
);
console.log(`now: ${commit}, ${note}`);
console.log(
  previous ? `before: ${previous.commit}, ${previous.note ?? ""} (${previous.at})` : "before: no earlier run",
);
console.log(`${pad("page", 16)}${pad("now", 12)}${pad("before", 12)}target`);
for (const p of PAGES) {
  const now = run.pages[p.path].p95;
  const before = previous?.pages[p.path]?.p95;
  const verdict = now <= TARGET_MS ? "meets" : "misses";
  console.log(
    `${pad(p.path, 16)}${pad(`${now} ms`, 12)}${pad(before === undefined ? "—" : `${before} ms`, 12)}≤ ${TARGET_MS} ms (${verdict})`,
  );
}
fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync(
  RESULTS,
  `${JSON.stringify({ targetMs: TARGET_MS, runs: [...results.runs, ...(baseline ? [baseline] : []), run] }, null, 2)}\n`,
);
