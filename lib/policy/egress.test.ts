import { describe, expect, it } from "vitest";
import { blockedReason, egressAllowed, parseAllowEntry, type AllowEntry } from "./egress";

const entries = (...texts: string[]): AllowEntry[] =>
  texts.map((t) => {
    const r = parseAllowEntry(t);
    if (!r.ok) throw new Error(r.reason);
    return r.entry;
  });

describe("blockedReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "CGNAT"],
    ["100.100.100.200", "CGNAT"],
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "ULA"],
    ["fe80::1", "link-local"],
    ["0.0.0.0", "this network"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["2002:0a00:0001::1", "private"],
  ])("refuses %s (%s)", (ip, why) => expect(blockedReason(ip)).toMatch(new RegExp(why, "i")));

  it.each(["93.184.216.34", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "lets %s through",
    (ip) => expect(blockedReason(ip)).toBeNull(),
  );
});

describe("parseAllowEntry", () => {
  it.each([
    ["127.0.0.1:5000", "127.0.0.1/32:5000"],
    ["127.0.0.1/32:5000", "127.0.0.1/32:5000"],
    ["10.1.2.3/8", "10.0.0.0/8"],
    ["172.16.0.0/12:3000", "172.16.0.0/12:3000"],
    ["[::1]:5000", "[::1]/128:5000"],
    ["fd00::/8", "[fd00::]/8"],
    ["[fd00:0:0::]/8:443", "[fd00::]/8:443"],
    [" 192.168.0.0/16 ", "192.168.0.0/16"],
  ])("reads %s as %s", (input, text) => expect(parseAllowEntry(input)).toMatchObject({ ok: true, text }));

  it.each([
    ["localhost:5000", /CIDR/],
    ["127.0.0.1/33", /prefix/],
    ["127.0.0.1:0", /port/],
    ["127.0.0.1:70000", /port/],
    ["300.1.1.1", /not an IP/],
    ["http://127.0.0.1", /CIDR/],
    ["127.0.0.1; rm -rf /", /CIDR/],
  ])("refuses %s", (input, reason) => {
    const r = parseAllowEntry(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe("egressAllowed", () => {
  const list = entries("127.0.0.1/32:5050", "10.0.0.0/8", "[::1]:7000");
  const dev = { admin: false };
  it("lets admins reach anything", () =>
    expect(egressAllowed("127.0.0.1", 22, [], { admin: true })).toBe(true));
  it("lets a public address through", () => expect(egressAllowed("1.1.1.1", 443, [], dev)).toBe(true));
  it("refuses loopback unless the entry names the port", () => {
    expect(egressAllowed("127.0.0.1", 5050, list, dev)).toBe(true);
    expect(egressAllowed("127.0.0.1", 5051, list, dev)).toBe(false);
    expect(egressAllowed("127.0.0.2", 5050, list, dev)).toBe(false);
  });
  it("allows every port of an entry without one", () =>
    expect(egressAllowed("10.9.9.9", 1, list, dev)).toBe(true));
  it("matches IPv6 entries, and IPv4-mapped addresses against IPv4 ranges only by their own entry", () => {
    expect(egressAllowed("::1", 7000, list, dev)).toBe(true);
    expect(egressAllowed("::ffff:127.0.0.1", 9, list, dev)).toBe(false);
  });
  it("refuses what is not an address", () => expect(egressAllowed("localhost", 80, list, dev)).toBe(false));
});
