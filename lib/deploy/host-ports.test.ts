import { describe, expect, it } from "vitest";
import { parseCompose } from "@/lib/compose/parse";
import { hostPortConflicts } from "./host-ports";

const spec = (() => {
  const r = parseCompose(`services:
  web:
    image: busybox:latest
    ports: ["8080:80", "127.0.0.1:9090:90", "5353:53/udp", "70"]
`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.spec;
})();
const none = { containerIds: new Set<string>(), serviceIds: new Set<string>() };

describe("hostPortConflicts", () => {
  it("finds a port held by any container or service, without saying whose", () => {
    const errors = hostPortConflicts(
      spec,
      [{ port: 8080, protocol: "tcp", ip: "0.0.0.0", containerId: "x" }],
      none,
    );
    expect(Object.keys(errors)).toEqual(["services.web.ports"]);
    expect(errors["services.web.ports"]).toMatch(/^host port 8080\/tcp is already in use on this host/);
    expect(errors["services.web.ports"]).not.toContain("x");
    expect(
      hostPortConflicts(spec, [{ port: 5353, protocol: "udp", ip: "0.0.0.0", serviceId: "s" }], none),
    ).toHaveProperty("services.web.ports");
  });

  it("ignores other protocols, other specific addresses, unpublished ports and the app's own objects", () => {
    expect(
      hostPortConflicts(
        spec,
        [
          { port: 8080, protocol: "udp", ip: "0.0.0.0", containerId: "a" },
          { port: 9090, protocol: "tcp", ip: "10.0.0.5", containerId: "b" },
          { port: 70, protocol: "tcp", ip: "0.0.0.0", containerId: "c" },
          { port: 8080, protocol: "tcp", ip: "0.0.0.0", containerId: "mine" },
          { port: 5353, protocol: "udp", ip: "::", serviceId: "my-svc" },
        ],
        { containerIds: new Set(["mine"]), serviceIds: new Set(["my-svc"]) },
      ),
    ).toEqual({});
  });

  it("a specific address collides with the same address and with every-address bindings", () => {
    for (const ip of ["127.0.0.1", "0.0.0.0"])
      expect(
        hostPortConflicts(spec, [{ port: 9090, protocol: "tcp", ip, containerId: "z" }], none),
      ).toHaveProperty("services.web.ports");
  });
});
