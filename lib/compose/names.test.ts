import { describe, expect, it } from "vitest";
import { containerName, MAX_SCOPED_NAME_LENGTH, scopedName, wharfLabels } from "./names";

// What Docker accepts for container, network and volume names.
const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

describe("scoped names", () => {
  it("joins tenant, project, app and object under the wharf prefix", () => {
    expect(scopedName("acme", "web", "shop", "db-data")).toBe("wharf_acme_web_shop_db-data");
  });

  it("names containers by service and 1-based replica index", () => {
    expect(containerName("acme", "web", "shop", "vote", 1)).toBe("wharf_acme_web_shop_vote_1");
    expect(containerName("acme", "web", "shop", "vote", 12)).toBe("wharf_acme_web_shop_vote_12");
  });

  it("does not collide when segments could be re-split", () => {
    const names = [
      scopedName("a", "b-c", "d", "e"),
      scopedName("a-b", "c", "d", "e"),
      scopedName("a", "b", "c-d", "e"),
      scopedName("a", "b", "c", "d_e"),
      scopedName("a", "b", "c", "d-e"),
      containerName("a", "b", "c", "d", 1),
      containerName("a", "b", "c", "d_1", 1),
    ];
    expect(new Set(names).size).toBe(names.length);
  });

  it("hashes the tail of long names, staying within the limit, Docker-valid and distinct", () => {
    const long = "x".repeat(60);
    const a = scopedName("tenant-with-a-long-name", "project", long, "data");
    const b = scopedName("tenant-with-a-long-name", "project", long, "logs");
    for (const name of [a, b]) {
      expect(name).toHaveLength(MAX_SCOPED_NAME_LENGTH);
      expect(name).toMatch(DOCKER_NAME);
      expect(name.startsWith("wharf_tenant-with-a-long-name_project_")).toBe(true);
    }
    expect(a).not.toBe(b);
    expect(scopedName("tenant-with-a-long-name", "project", long, "data")).toBe(a); // stable
  });

  it("keeps short names unhashed and below the limit, so hashed and plain names never meet", () => {
    const name = scopedName("t", "p", "a", "o".repeat(MAX_SCOPED_NAME_LENGTH - "wharf_t_p_a_".length - 1));
    expect(name.length).toBe(MAX_SCOPED_NAME_LENGTH - 1);
    expect(name.endsWith("o")).toBe(true);
  });

  it.each([
    ["Acme", "p", "a", "o"],
    ["a_b", "p", "a", "o"],
    ["t", "p.q", "a", "o"],
    ["t", "p", "", "o"],
    ["t", "p", "a", "Bad Name"],
    ["t", "p", "a", "a/b"],
  ])("refuses invalid segments %j", (t, p, a, o) => expect(() => scopedName(t, p, a, o)).toThrow());

  it("refuses replica indexes below 1 or fractional", () => {
    expect(() => containerName("t", "p", "a", "web", 0)).toThrow();
    expect(() => containerName("t", "p", "a", "web", 1.5)).toThrow();
  });
});

describe("wharf labels", () => {
  it("stamps tenant, project, app and service", () => {
    expect(wharfLabels({ tenantId: "t1", projectId: "p1", appId: "a1", service: "web" })).toEqual({
      "wharf.tenant": "t1",
      "wharf.project": "p1",
      "wharf.app": "a1",
      "wharf.service": "web",
    });
  });
  it("leaves out the service label for app-wide objects (networks, volumes)", () => {
    expect(wharfLabels({ tenantId: "t1", projectId: "p1", appId: "a1" })).not.toHaveProperty("wharf.service");
  });
});
