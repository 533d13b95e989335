import { describe, expect, it } from "vitest";
import { canSeeContainer, type ViewerScope } from "./scope";

const member: ViewerScope = {
  all: false,
  tenantIds: new Set(["t1"]),
  hostTenants: new Map([
    ["h1", new Set(["t1"])],
    ["h2", new Set(["t2"])],
  ]),
};

describe("canSeeContainer", () => {
  it("lets admin and ops see everything, labelled or not", () => {
    expect(canSeeContainer({ all: true }, { hostId: "h9", labels: {} })).toBe(true);
  });
  it("shows a member their tenant's containers on granted hosts", () => {
    expect(canSeeContainer(member, { hostId: "h1", labels: { "wharf.tenant": "t1" } })).toBe(true);
  });
  it("hides another tenant's containers", () => {
    expect(canSeeContainer(member, { hostId: "h1", labels: { "wharf.tenant": "t2" } })).toBe(false);
  });
  it("hides unlabelled containers from members", () => {
    expect(canSeeContainer(member, { hostId: "h1", labels: {} })).toBe(false);
  });
  it("hides the tenant's containers on a host no longer granted to it", () => {
    expect(canSeeContainer(member, { hostId: "h2", labels: { "wharf.tenant": "t1" } })).toBe(false);
  });
});
