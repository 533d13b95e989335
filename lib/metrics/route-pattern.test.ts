import { describe, expect, it } from "vitest";
import { OTHER_ROUTE, patternOfAppPath, routeMatcher } from "@/lib/metrics/route-pattern";

describe("patternOfAppPath", () => {
  it.each([
    ["/api/v1/tokens/route", "/api/v1/tokens"],
    ["/(console)/hosts/[id]/page", "/hosts/[id]"],
    ["/(console)/page", "/"],
    ["/metrics/route", "/metrics"],
    ["/_not-found/page", "/_not-found"],
  ])("%s → %s", (appPath, pattern) => expect(patternOfAppPath(appPath)).toBe(pattern));
});

describe("routeMatcher", () => {
  const match = routeMatcher([
    "/",
    "/api/v1/hosts",
    "/api/v1/hosts/[id]",
    "/api/v1/hosts/[id]/images",
    "/api/v1/hosts/local-stats",
    "/api/v1/apps/[id]/revisions/[number]/diff",
    "/_next/[...path]",
    "/docs/[[...slug]]",
  ]);

  it.each([
    ["/", "/"],
    ["/api/v1/hosts", "/api/v1/hosts"],
    ["/api/v1/hosts/", "/api/v1/hosts"],
    ["/api/v1/hosts/ck1?x=1", "/api/v1/hosts/[id]"],
    ["/api/v1/hosts/local-stats", "/api/v1/hosts/local-stats"],
    ["/api/v1/hosts/ck1/images", "/api/v1/hosts/[id]/images"],
    ["/api/v1/apps/a/revisions/3/diff", "/api/v1/apps/[id]/revisions/[number]/diff"],
    ["/_next/static/chunks/x.js", "/_next/[...path]"],
    ["/docs", "/docs/[[...slug]]"],
    ["/docs/a/b", "/docs/[[...slug]]"],
  ])("%s → %s", (path, pattern) => expect(match(path)).toBe(pattern));

  it("puts every unknown path, whatever its id, in one series", () => {
    expect(match("/api/v1/nope/123")).toBe(OTHER_ROUTE);
    expect(match("/api/v1/apps/a/revisions")).toBe(OTHER_ROUTE);
    expect(match("/favicon.ico")).toBe(OTHER_ROUTE);
  });
});
