import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

const appRoot = path.resolve(__dirname, "../../app");
const apiRoot = path.join(appRoot, "api/v1");

/**
 * Every `app/api/v1/**\/route.ts`, direct route and route on the site's root (`app/metrics/route.ts`) as
 * "METHOD /path" with `[id]` → `{id}`.
 */
function routeOperations(): string[] {
  const ops: string[] = [];
  const walk = (dir: string, root = apiRoot) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (root === apiRoot || full !== path.join(appRoot, "api")) walk(full, root);
      } else if (entry.name === "route.ts") {
        const route =
          "/" +
          path
            .relative(root, dir)
            .split(path.sep)
            .join("/")
            .replace(/\[(\w+)\]/g, "{$1}");
        const src = fs.readFileSync(full, "utf8");
        for (const m of src.matchAll(
          /export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g,
        ))
          ops.push(`${m[1].toLowerCase()} ${route}`);
      }
    }
  };
  walk(apiRoot);
  walk(appRoot, appRoot);
  // Routes answered before Next.js (lib/api/direct.ts) are GET-only and listed by path in their module.
  const direct = fs.readFileSync(path.resolve(__dirname, "../fleet/http.ts"), "utf8");
  for (const m of direct.matchAll(/^  "\/api\/v1(\/[\w/]+)": /gm)) ops.push(`get ${m[1]}`);
  return ops;
}

describe("OpenAPI coverage", () => {
  it("documents every route handler under /api/v1", () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m} ${p}`)),
    );
    const missing = routeOperations().filter((op) => op !== "get /openapi.json" && !documented.has(op));
    expect(routeOperations().length).toBeGreaterThan(50);
    expect(routeOperations()).toEqual(
      expect.arrayContaining(["get /counters", "get /containers", "get /stream", "get /metrics"]),
    );
    expect(missing).toEqual([]);
  });
});
