import { describe, expect, it } from "vitest";
import { buildTagNames, pushedName, registryHostOf, scopedTag, splitTag, unscopedTag } from "./image-tags";

describe("image names", () => {
  it("splits name and tag, defaulting to latest", () => {
    expect(splitTag("web:1.0")).toEqual({ repo: "web", tag: "1.0" });
    expect(splitTag("org/web")).toEqual({ repo: "org/web", tag: "latest" });
    expect(splitTag("127.0.0.1:5000/web")).toEqual({ repo: "127.0.0.1:5000/web", tag: "latest" });
  });
  it("scopes local names per tenant and project", () => {
    expect(scopedTag("acme", "shop", "web:1.0")).toBe("wharf/acme/shop/web:1.0");
    expect(scopedTag("acme", "shop", "busybox")).toBe("wharf/acme/shop/busybox:latest");
  });
  it("names untagged builds after the project, and reads the typed name back", () => {
    expect(buildTagNames("shop", ["web:1.0", "web"], "ab12")).toEqual(["web:1.0", "web"]);
    expect(buildTagNames("shop", [], "ab12")).toEqual(["shop:b-ab12"]);
    expect(unscopedTag(scopedTag("acme", "shop", "team/web:2"))).toBe("team/web:2");
    expect(unscopedTag("redis:alpine")).toBe("redis:alpine");
    expect(pushedName("127.0.0.1:5000", "web")).toBe("127.0.0.1:5000/web:latest");
  });
  it("finds the registry host as the engine does", () => {
    expect(registryHostOf("127.0.0.1:5000/web:1")).toBe("127.0.0.1:5000");
    expect(registryHostOf("registry.example.com/a/b")).toBe("registry.example.com");
    expect(registryHostOf("localhost/x")).toBe("localhost");
    expect(registryHostOf("redis:alpine")).toBe("docker.io");
    expect(registryHostOf("library/redis")).toBe("docker.io");
  });
});
