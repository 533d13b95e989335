import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The build every integration test runs against (server.ts reads the same variable). */
const serverApp = path.join(process.env.NEXT_DIST_DIR || ".next", "server", "app");

/** app/…/page.tsx or route.ts, as the build names its client-reference manifest. */
function manifestOf(file: string): string {
  const dir = path.dirname(path.relative("app", file));
  const kind = path.basename(file).replace(/\.tsx?$/, "");
  return path.join(serverApp, dir, `${kind}_client-reference-manifest.js`);
}

const sources = (fs.readdirSync("app", { recursive: true }) as string[]).map((f) => path.join("app", f));

describe("the production build (next.config.js)", () => {
  it("emits no client-reference manifest for a route handler, and one for every page", () => {
    const routes = sources.filter((f) => path.basename(f) === "route.ts");
    const pages = sources.filter((f) => path.basename(f) === "page.tsx");
    expect(routes.length).toBeGreaterThan(100);
    expect(pages.length).toBeGreaterThan(30);
    // Each was read at start, in a vm context of its own, by handlers that never render React (docs/scale.md).
    expect(routes.map(manifestOf).filter((m) => fs.existsSync(m))).toEqual([]);
    // A page needs its manifest to render its client components.
    expect(pages.map(manifestOf).filter((m) => !fs.existsSync(m))).toEqual([]);
  });
});
