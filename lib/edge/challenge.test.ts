import { describe, expect, it } from "vitest";
import { challengeUrl, newChallengeToken, verifyResolveMap } from "./challenge";

describe("proof-of-control helpers", () => {
  it("reads WHARF_EDGE_VERIFY_RESOLVE as name=address pairs, lowercased, ignoring entries that are not an IP", () => {
    const map = verifyResolveMap(
      " Shop.Example.test=127.0.0.1, v6.example.test=::1,bad.test=not-an-ip,=1.2.3.4,x",
    );
    expect([...map]).toEqual([
      ["shop.example.test", "127.0.0.1"],
      ["v6.example.test", "::1"],
    ]);
    expect(verifyResolveMap("").size).toBe(0);
  });

  it("makes tokens of 32 URL-safe characters, each new", () => {
    const [a, b] = [newChallengeToken(), newChallengeToken()];
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a).not.toBe(b);
  });

  it("gives the challenge address on the edge's HTTP port", () => {
    const before = process.env.WHARF_EDGE_HTTP_PORT;
    try {
      delete process.env.WHARF_EDGE_HTTP_PORT;
      expect(challengeUrl("shop.example.test", "d1")).toBe(
        "http://shop.example.test/.well-known/wharf-challenge/d1",
      );
      process.env.WHARF_EDGE_HTTP_PORT = "18080";
      expect(challengeUrl("shop.example.test", "d1")).toBe(
        "http://shop.example.test:18080/.well-known/wharf-challenge/d1",
      );
    } finally {
      if (before === undefined) delete process.env.WHARF_EDGE_HTTP_PORT;
      else process.env.WHARF_EDGE_HTTP_PORT = before;
    }
  });
});
