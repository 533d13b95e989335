import { describe, expect, it } from "vitest";
import { registryHostOf, scopedTag, splitTag } from "./tags";

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
  it("finds the registry host as the engine does", () => {
    expect(registryHostOf("127.0.0.1:5000/web:1")).toBe("127.0.0.1:5000");
    expect(registryHostOf("registry.example.com/a/b")).toBe("registry.example.com");
    expect(registryHostOf("localhost/x")).toBe("localhost");
    expect(registryHostOf("redis:alpine")).toBe("docker.io");
    expect(registryHostOf("library/redis")).toBe("docker.io");
  });
});
