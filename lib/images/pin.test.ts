import { describe, expect, it } from "vitest";
import { contentPin, familiarRepository } from "./pin";

const ID = `sha256:${"a".repeat(64)}`;
const DIG = `sha256:${"b".repeat(64)}`;

describe("familiarRepository", () => {
  it.each([
    ["redis:alpine", "redis"],
    ["docker.io/library/redis:7", "redis"],
    ["docker.io/team/app", "team/app"],
    ["10.77.0.1:5000/wharf/t/p/w:id-1", "10.77.0.1:5000/wharf/t/p/w"],
    ["localhost:5000/x", "localhost:5000/x"],
    [`redis@${DIG}`, "redis"],
  ])("%s → %s", (ref, repo) => expect(familiarRepository(ref)).toBe(repo));
});

describe("contentPin", () => {
  it("pins a name to its registry digest for that repository", () => {
    expect(contentPin("10.77.0.1:5000/w:1", ID, [`other/repo@${DIG}`, `10.77.0.1:5000/w@${DIG}`])).toBe(
      `10.77.0.1:5000/w:1@${DIG}`,
    );
    expect(contentPin("docker.io/library/redis:7", ID, [`redis@${DIG}`])).toBe(
      `docker.io/library/redis:7@${DIG}`,
    );
  });

  it("pins to the image id when the image has no digest for that repository (local builds, stand-ins)", () => {
    expect(contentPin("redis:alpine", ID, [])).toBe(ID);
    expect(contentPin("redis:alpine", ID, [`elsewhere/redis@${DIG}`])).toBe(ID);
    expect(contentPin("aaaaaaaaaaaa", ID, [])).toBe(ID);
  });

  it("keeps a reference that already names a digest", () => {
    expect(contentPin(`redis@${DIG}`, ID, [])).toBe(`redis@${DIG}`);
  });
});
