import { describe, expect, it } from "vitest";
import { DomainCreateInput, Hostname, PathPrefix, TenantEdgeInput } from "./domain";

// Everything here reaches Caddy's JSON config: what could inject config or pass for another name is refused.
const badHosts = [
  "web.{http.request.host}.test",
  "web.a.test\nx",
  "web.a.test }",
  "web..a.test",
  ".a.test",
  "a.test.",
  "localhost",
  "wеb.a.test", // Cyrillic "е"
  "web.a.tеst",
  "ｗeb.a.test", // full-width w
  "-web.a.test",
  "web-.a.test",
  "ab--c.a.test",
  "*.a.test",
  "web_1.a.test",
  "10.0.0.1",
  "web a.test",
  `${"a".repeat(64)}.test`,
  "",
];
const badPaths = [
  "api",
  "/a/../b",
  "/..",
  "/./x",
  "/a//b",
  "/a{b}",
  "/a\nb",
  "/a b",
  "/a?b",
  "/a#b",
  "/ä",
  "/a%2e",
];

describe("domain inputs", () => {
  it.each(badHosts)("refuses the host %j", (host) => {
    expect(Hostname.safeParse(host).success).toBe(false);
  });
  it("takes punycode and lowercases", () => {
    expect(Hostname.parse("xn--bcher-kva.Team-A.apps.test")).toBe("xn--bcher-kva.team-a.apps.test");
    expect(Hostname.parse("  WEB.a.test ")).toBe("web.a.test");
  });
  it.each(badPaths)("refuses the path prefix %j", (path) => {
    expect(PathPrefix.safeParse(path).success).toBe(false);
  });
  it("canonicalises path prefixes", () => {
    expect(PathPrefix.parse("/")).toBe("/");
    expect(PathPrefix.parse("/api/")).toBe("/api");
    expect(PathPrefix.parse("/api/v1")).toBe("/api/v1");
  });
  it("names the field", () => {
    const r = DomainCreateInput.safeParse({ host: "a{b}.test", service: "web", port: 0 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["host", "port"]);
    expect(TenantEdgeInput.safeParse({ baseDomains: ["a\n.test"], customDomains: false }).success).toBe(
      false,
    );
  });
});
