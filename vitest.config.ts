import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(__dirname),
  // `server-only` throws outside React Server Components; tests run server code directly.
  "server-only": path.resolve(__dirname, "scripts/empty-module.js"),
};

const integration = {
  include: ["{lib,bench,app,tests}/**/*.int.test.ts"],
  environment: "node",
  // Generous: two files share 2 cores; a timeout only ends a hung test, what is checked is never the time.
  testTimeout: 300_000,
  hookTimeout: 300_000,
  globalSetup: ["tests/global-setup.ts"],
};
/**
 * Files that must see the whole engine to themselves, after the others: a fleet-wide alert rule counts every exit
 * on the shared engine, another file's included.
 */
const ALONE = ["tests/alerts/alerts.int.test.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        // React 17+ JSX (like Next), so components can be rendered to HTML in unit tests.
        esbuild: { jsx: "automatic" },
        test: {
          name: "unit",
          include: ["{lib,bench,components,app,scripts}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          // Property tests sort thousands of rows many times: CPU-bound, and slow when the machine is loaded.
          // Speed is measured by the benchmarks, never by a test's timeout.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          ...integration,
          name: "integration",
          exclude: [...ALONE, "node_modules/**"],
          // Two files at a time: most of a file's time is spent waiting on the engine, not on the CPU. Each file
          // starts its own Wharf server with its own database, names what it makes uniquely and counts only its own
          // tenants' containers (or a private engine's), so two files never read each other's state.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          ...integration,
          name: "integration-alone",
          include: ALONE,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
