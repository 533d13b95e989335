import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

// Real Debian Chromium against the production build, with a fresh database per run (scripts/test.sh builds first).
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "e2e",
      testMatch: /.*\.spec\.ts/,
      dependencies: ["setup"],
      use: { storageState: "e2e/.auth/admin.json" },
    },
  ],
  webServer: {
    command: "bash scripts/e2e-server.sh",
    url: `${baseURL}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    // Alerts evaluated every second and told after a 1 s group wait, so the header badge spec waits seconds.
    env: {
      PORT: String(port),
      WHARF_ALERTS_INTERVAL_MS: "1000",
      WHARF_ALERTS_GROUP_WAIT_MS: "1000",
      WHARF_METRICS_INTERVAL_S: "2",
    },
    stdout: "ignore",
    stderr: "pipe",
  },
});
