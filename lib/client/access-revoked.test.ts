import { describe, expect, it } from "vitest";
import { accessChange } from "./access-revoked";

const dev = { userId: "u1", globalRole: "user", memberships: { t1: "developer", t2: "viewer" } };

describe("accessChange (a hello after a reconnect tells what changed meanwhile)", () => {
  it("names a lowered or raised tenant role, a removed membership, a new one and a global role", () => {
    expect(accessChange(dev, { ...dev, memberships: { t1: "viewer", t2: "viewer" } })).toBe(
      "your role in the tenant changed to viewer",
    );
    expect(accessChange(dev, { ...dev, memberships: { t2: "viewer" } })).toBe(
      "your membership in the tenant was removed",
    );
    expect(accessChange(dev, { ...dev, memberships: { ...dev.memberships, t3: "owner" } })).toBe(
      "you were added to a tenant",
    );
    expect(accessChange(dev, { ...dev, globalRole: "ops" })).toBe("your role changed to ops");
  });

  it("is silent when nothing changed, or when another person signed in on the page", () => {
    expect(accessChange(dev, { ...dev, memberships: { t2: "viewer", t1: "developer" } })).toBeNull();
    expect(accessChange(dev, { userId: "u2", globalRole: "admin", memberships: {} })).toBeNull();
  });
});
