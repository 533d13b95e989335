import { isIP } from "node:net";
import { describe, expect, it } from "vitest";
import { PublishPolicyInput } from "./edge";

const accepts = (address: string) =>
  PublishPolicyInput.safeParse({ minPort: 1024, maxPort: 65535, addresses: [address] }).success;

describe("PublishPolicyInput addresses (checked without node:net, so forms can use it)", () => {
  it("takes what node's isIP takes, brackets stripped, zone ids aside", () => {
    const samples = [
      "10.0.0.5",
      "0.0.0.0",
      "255.255.255.255",
      "256.1.1.1",
      "01.2.3.4",
      "1.2.3",
      "::1",
      "[::1]",
      "fe80::1",
      "2001:db8::8a2e:370:7334",
      "::ffff:192.0.2.1",
      "1:2:3:4:5:6:7:8:9",
      "not-an-ip",
      "::1]@evil.example[",
      "[::1]:80",
      "",
    ];
    for (const a of samples) expect([a, accepts(a)]).toEqual([a, isIP(a.replace(/^\[(.*)\]$/, "$1")) !== 0]);
  });
  it("refuses a zone id, which node's isIP takes and Docker's port bindings (Go's net.ParseIP) refuse anyway", () => {
    expect(isIP("fe80::1%eth0")).toBe(6);
    expect(accepts("fe80::1%eth0")).toBe(false);
  });
});
