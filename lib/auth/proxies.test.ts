import { describe, expect, it } from "vitest";
import { TrustedProxies } from "./proxies";

describe("TrustedProxies", () => {
  it("trusts nobody by default: the forwarded header is ignored", () => {
    const none = new TrustedProxies([]);
    expect(none.clientAddress("10.0.0.5", "1.2.3.4")).toBe("10.0.0.5");
  });

  it("honours X-Forwarded-For from a trusted peer, reading from the right", () => {
    const p = new TrustedProxies(["10.0.0.0/8", "::1"]);
    expect(p.clientAddress("10.0.0.5", "1.2.3.4")).toBe("1.2.3.4");
    expect(p.clientAddress("::ffff:10.1.2.3", "9.9.9.9, 1.2.3.4, 10.0.0.9")).toBe("1.2.3.4");
    expect(p.clientAddress("::1", "2001:db8::1")).toBe("2001:db8::1");
    expect(p.clientAddress("11.0.0.1", "1.2.3.4")).toBe("11.0.0.1");
  });

  it("falls back to the peer when the header names no address", () => {
    const p = new TrustedProxies(["127.0.0.1/32"]);
    expect(p.clientAddress("127.0.0.1", "not-an-ip")).toBe("127.0.0.1");
    expect(p.clientAddress("127.0.0.1", "")).toBe("127.0.0.1");
  });

  it("reports entries that are not CIDRs and ignores them", () => {
    const p = new TrustedProxies(["10.0.0.0/33", "banana", "192.168.0.0/16", "10.0.0.1/"]);
    expect(p.invalid).toEqual(["10.0.0.0/33", "banana", "10.0.0.1/"]);
    expect(p.has("192.168.4.4")).toBe(true);
    expect(p.has("10.0.0.1")).toBe(false);
  });
});
