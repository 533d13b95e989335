import { describe, expect, it } from "vitest";
import { describeGlobalRoleChange, describeTenantRoleChange } from "./role-change";

describe("what a role change will do, said before it is done", () => {
  it("names the rights a user loses when their global role goes down", () => {
    const c = describeGlobalRoleChange("Dana", "admin", "none");
    expect(c.title).toBe("Make Dana a regular user?");
    expect(c.body).toMatch(/^Dana will lose admin rights and have no rights beyond the tenants/);
    expect(c.lessAccess).toBe(true);
  });

  it("names the rights a user gets when it goes up", () => {
    const c = describeGlobalRoleChange("dana@x.test", "none", "ops");
    expect(c.body).toMatch(/^dana@x\.test will get ops rights: reading the whole fleet/);
    expect(c.lessAccess).toBe(false);
    expect(describeGlobalRoleChange("Dana", "ops", "admin").lessAccess).toBe(false);
  });

  it("in a tenant, says what the new role can do and, going down, what the old one could", () => {
    const down = describeTenantRoleChange("Dana", "Shop", "developer", "viewer");
    expect(down.title).toBe("Make Dana viewer in Shop?");
    expect(down.body).toContain("Dana will no longer deploy, build and open consoles");
    expect(down.lessAccess).toBe(true);
    const up = describeTenantRoleChange("Dana", "Shop", "developer", "owner");
    expect(up.body).toMatch(/^As owner, Dana can manage its members/);
    expect(up.body).not.toContain("no longer");
    expect(up.lessAccess).toBe(false);
  });
});
