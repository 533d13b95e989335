import { describe, expect, it } from "vitest";
import { parseAllowEntry, type AllowEntry } from "@/lib/policy/egress";
import { chainRules, FIREWALL_CHAIN } from "./firewall";

const entries = (...texts: string[]): AllowEntry[] =>
  texts.map(parseAllowEntry).flatMap((r) => (r.ok ? [r.entry] : []));

describe("chainRules", () => {
  const list = entries("127.0.0.1/32:5000", "10.0.0.0/8", "[fd00:dead:beef::]/64:9", "::1");

  it("writes each family's entries into its own table, then rejects the rest alike", () => {
    const v4 = chainRules(list, 4);
    expect(v4).toContain(`-A ${FIREWALL_CHAIN} -d 127.0.0.1/32 -p tcp --dport 5000 -j RETURN`);
    expect(v4).toContain(`-A ${FIREWALL_CHAIN} -d 10.0.0.0/8 -j RETURN`);
    expect(v4).not.toContain("fd00");
    expect(v4).toContain("--reject-with icmp-port-unreachable");
    const v6 = chainRules(list, 6);
    expect(v6).toContain(`-A ${FIREWALL_CHAIN} -d fd00:dead:beef::/64 -p udp --dport 9 -j RETURN`);
    expect(v6).toContain(`-A ${FIREWALL_CHAIN} -d ::1/128 -j RETURN`);
    expect(v6).not.toContain("127.0.0.1");
    expect(v6).toContain("--reject-with icmp6-port-unreachable");
    for (const rules of [v4, v6]) {
      expect(rules.split("\n").at(-4)).toContain("-p tcp -j REJECT --reject-with tcp-reset");
      expect(rules).toMatch(/^\*filter\n/);
      expect(rules).toMatch(/COMMIT\n$/);
    }
  });
});
