// Hostile spellings of forbidden addresses, through the same functions every path uses (git, registries,
// token realms, ADD, image hosts): decimal, octal and hex IPv4 literals, short forms, IPv6 loopback,
// unique-local, link-local and IPv4-mapped forms, userinfo in front of the host, and a name from
// /etc/hosts. All are refused for a non-admin before any connection.
import { describe, expect, it, vi } from "vitest";
import { checkUrlEgress, EgressRefused, resolveEgress } from "./check";

vi.mock("@/lib/egress/allow-list", () => ({ allowList: async () => [] }));

const dev = { admin: false };

describe("checkUrlEgress refuses forbidden addresses however they are spelled", () => {
  it.each([
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://017700000001/",
    "http://127.1/",
    "http://0/",
    "http://allowed.example@127.0.0.1/",
    "http://allowed.example:pw@0x7f.1:8080/x",
    "https://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]:5000/",
    "http://[fe80::1]/",
    "http://[::]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://10.1/",
    "http://localhost:3000/",
    "http://LOCALHOST./",
    "http://api.localhost:5000/",
  ])("%s", async (url) => {
    await expect(checkUrlEgress(new URL(url), dev)).rejects.toBeInstanceOf(EgressRefused);
  });

  it("lets admins through, and public addresses for everyone", async () => {
    await expect(checkUrlEgress(new URL("http://0x7f.1/"), { admin: true })).resolves.toBe("127.0.0.1");
    await expect(checkUrlEgress(new URL("http://93.184.216.34/"), dev)).resolves.toBe("93.184.216.34");
  });
});

describe("resolveEgress refuses raw host spellings (image registries, scp-like git hosts)", () => {
  it.each([
    "2130706433",
    "0x7f.1",
    "0177.0.0.1",
    "127.1",
    "[::1]",
    "::ffff:127.0.0.1",
    "localhost",
    "x.localhost.",
    "0",
  ])("%s", async (host) => {
    await expect(resolveEgress(host, 5000, dev)).rejects.toBeInstanceOf(EgressRefused);
  });
});
