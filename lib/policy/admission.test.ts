import { describe, expect, it } from "vitest";
import { checkAdmission } from "./admission";
import { admissionCases, directSpecCases } from "./admission-cases";
import { exposesDockerSocket, normalizeHostPath } from "./host-paths";
import { parseCompose } from "../compose/parse";
import type { AppSpec } from "../compose/spec";

const user = { isAdmin: false };
const admin = { isAdmin: true };

function parsed(compose: string): AppSpec {
  const r = parseCompose(compose);
  if (!r.ok) throw new Error(`fixture does not parse: ${JSON.stringify(r.errors)}`);
  return r.spec;
}

function refusedPaths(spec: AppSpec) {
  const r = checkAdmission(spec, user);
  return r.allowed
    ? { paths: [], reasons: [] }
    : { paths: r.violations.map((v) => v.path).sort(), reasons: r.violations.map((v) => v.reason) };
}

describe("admission policy for compose files", () => {
  it("has at least 30 cases", () => expect(admissionCases.length).toBeGreaterThanOrEqual(30));

  it.each(admissionCases)("a non-admin user $name", ({ compose, refused, reasonIncludes }) => {
    const { paths, reasons } = refusedPaths(parsed(compose));
    expect(paths).toEqual([...refused].sort());
    if (reasonIncludes) for (const reason of reasons) expect(reason).toContain(reasonIncludes);
  });

  it.each(admissionCases)("an admin may do what a non-admin $name", ({ compose }) => {
    expect(checkAdmission(parsed(compose), admin)).toEqual({ allowed: true });
  });
});

describe("admission policy for AppSpecs built elsewhere", () => {
  it.each(directSpecCases)("a non-admin user $name", ({ spec, refused, reasonIncludes }) => {
    const { paths, reasons } = refusedPaths(spec as AppSpec);
    expect(paths).toEqual([...refused].sort());
    if (reasonIncludes) for (const reason of reasons) expect(reason).toContain(reasonIncludes);
  });

  it("returns allowed: true with no violations key when nothing is refused", () => {
    expect(checkAdmission(parsed("services:\n  web:\n    image: nginx\n"), user)).toEqual({ allowed: true });
  });

  it("names each violation with a reason", () => {
    const r = checkAdmission(parsed("services:\n  db:\n    image: x\n    privileged: true\n"), user);
    expect(r).toEqual({
      allowed: false,
      violations: [{ path: "services.db.privileged", reason: expect.stringContaining("privileged") }],
    });
  });
});

describe("host path normalization", () => {
  it.each([
    ["//var/run/docker.sock", "/var/run/docker.sock"],
    ["/var/run/docker.sock/", "/var/run/docker.sock"],
    ["/var/run/../run/docker.sock", "/var/run/docker.sock"],
    ["/run/./docker.sock", "/run/docker.sock"],
    ["/../../var/run/docker.sock", "/var/run/docker.sock"],
    ["./a/../../b", "../b"],
  ])("normalizes %s to %s", (input, expected) => expect(normalizeHostPath(input)).toBe(expected));

  it.each(["/var/run/docker.sock", "unix:///var/run/docker.sock", "/RUN/docker.sock", "/", "/var", "/run/"])(
    "treats %s as exposing the Docker socket",
    (p) => expect(exposesDockerSocket(p)).toBe(true),
  );

  it.each(["/var/run/docker.sock.bak", "/srv/docker.sock", "/var/lib", "docker.sock"])(
    "does not treat %s as the Docker socket",
    (p) => expect(exposesDockerSocket(p)).toBe(false),
  );
});
