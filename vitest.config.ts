import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(__dirname),
  // `server-only` throws outside React Server Components; tests run server code directly.
  "server-only": path.resolve(__dirname, "scripts/empty-module.js"),
};

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
          name: "integration",
          include: ["{lib,bench,app,tests}/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Two files at a time: most of a file's time is spent waiting on the engine, not on the CPU. Each file
          // starts its own Wharf server with its own database, names what it makes uniquely and counts only its own
          // tenants' containers (or a private engine's), so two files never read each other's state.
          maxWorkers: 2,
          globalSetup: ["tests/global-setup.ts"],
        },
      },
    ],
  },
});
