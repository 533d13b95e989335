import { describe, expect, it } from "vitest";
import { checkPublishing, checkVolumeDrivers, DEFAULT_PUBLISH_POLICY } from "./publishing";
import type { AppSpec } from "../compose/spec";

/** Only the fields the checks read; the rest of a service does not matter here. */
type Fragment = {
  services: Record<
    string,
    { ports: { target: number; protocol: "tcp"; published?: number; hostIp?: string }[] }
  >;
  volumes: Record<string, { driver?: string }>;
};
const spec = (
  ports: { published?: number; hostIp?: string }[],
  volumes: Fragment["volumes"] = {},
): AppSpec => {
  const fragment: Fragment = {
    services: { web: { ports: ports.map((p) => ({ target: 80, protocol: "tcp" as const, ...p })) } },
    volumes,
  };
  return fragment as Pick<AppSpec, "services" | "volumes"> as AppSpec;
};

describe("checkPublishing", () => {
  it("allows ports inside the range, with no address, the wildcard or loopback", () => {
    expect(
      checkPublishing(
        spec([{ published: 8080 }, { published: 9000, hostIp: "0.0.0.0" }, {}]),
        DEFAULT_PUBLISH_POLICY,
      ),
    ).toEqual([]);
    expect(checkPublishing(spec([{ published: 8080, hostIp: "127.0.0.1" }]), DEFAULT_PUBLISH_POLICY)).toEqual(
      [],
    );
  });

  it("refuses 0.0.0.0:22 and any port outside the host's range, naming the field", () => {
    const v = checkPublishing(
      spec([{ published: 22, hostIp: "0.0.0.0" }, { published: 70000 }]),
      DEFAULT_PUBLISH_POLICY,
    );
    expect(v.map((x) => x.path)).toEqual(["services.web.ports.0", "services.web.ports.1"]);
    expect(v[0].reason).toMatch(/outside this host's range 1024–65535/);
    const narrow = { minPort: 30000, maxPort: 30100, addresses: [] };
    expect(checkPublishing(spec([{ published: 8080 }]), narrow)).toHaveLength(1);
    expect(checkPublishing(spec([{ published: 30050 }]), narrow)).toEqual([]);
  });

  it("limits the address to the host's own addresses", () => {
    const policy = { ...DEFAULT_PUBLISH_POLICY, addresses: ["10.1.2.3", "2001:db8::1"] };
    expect(checkPublishing(spec([{ published: 8080, hostIp: "10.1.2.3" }]), policy)).toEqual([]);
    expect(checkPublishing(spec([{ published: 8080, hostIp: "[2001:DB8::1]" }]), policy)).toEqual([]);
    expect(checkPublishing(spec([{ published: 8080, hostIp: "10.9.9.9" }]), policy)[0].reason).toMatch(
      /not one of this host's addresses/,
    );
    expect(checkPublishing(spec([{ published: 8080, hostIp: "evil" }]), policy)[0].reason).toMatch(
      /not an IP/,
    );
  });
});

describe("checkVolumeDrivers", () => {
  it("allows local and listed drivers, refuses the rest", () => {
    expect(
      checkVolumeDrivers(spec([], { a: {}, b: { driver: "local" }, c: { driver: "nfs-plugin" } }), [
        "nfs-plugin",
      ]),
    ).toEqual([]);
    const v = checkVolumeDrivers(spec([], { d: { driver: "rexray/ebs" } }), []);
    expect(v).toEqual([{ path: "volumes.d.driver", reason: expect.stringMatching(/not on the allow-list/) }]);
  });
});
