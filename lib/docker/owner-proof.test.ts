import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { OWNER_LABEL } from "./labels";
import { deriveOwnerKey, ownerProof, verifyOwner } from "./owner-proof";

const key = deriveOwnerKey(randomBytes(32));
const f = { tenant: "tA", project: "pA", app: "aA", service: "web" };
const labels = (proof: string, extra: Record<string, string> = {}) => ({
  "wharf.tenant": f.tenant,
  "wharf.project": f.project,
  "wharf.app": f.app,
  "wharf.service": f.service,
  [OWNER_LABEL]: proof,
  ...extra,
});

describe("verifyOwner", () => {
  const name = "wharf_a_p_app_web_1";
  const proof = ownerProof(key, "c", f, name);
  it("holds on the container it was made for, and on it moved aside by an update or draining", () => {
    expect(verifyOwner(key, `/${name}`, labels(proof))).toEqual({ ...f, kind: "c" });
    expect(verifyOwner(key, `${name}_prev_12`, labels(proof))).toMatchObject({ tenant: "tA" });
    expect(verifyOwner(key, `${name}_drain_13`, labels(proof))).toMatchObject({ tenant: "tA" });
    expect(verifyOwner(key, `${name}_drain_x`, labels(proof))).toBeNull();
  });
  it("fails once copied: onto another name (a build step's), with other labels, or under another key", () => {
    expect(verifyOwner(key, "brave_turing", labels(proof))).toBeNull();
    expect(verifyOwner(key, name, labels(proof, { "wharf.tenant": "tB" }))).toBeNull();
    expect(verifyOwner(key, name, labels(proof, { "wharf.app": "aB" }))).toBeNull();
    expect(verifyOwner(deriveOwnerKey(randomBytes(32)), name, labels(proof))).toBeNull();
    expect(verifyOwner(key, name, labels(proof.replace(".c.", ".t.")))).toBeNull();
  });
  it("refuses malformed or missing proofs", () => {
    for (const p of ["", "v1", "v1.c.", "v2.c.abc", `v1.x.${proof.slice(5)}`, `${proof}x`])
      expect(verifyOwner(key, name, labels(p))).toBeNull();
    expect(verifyOwner(key, name, null)).toBeNull();
  });
  it("binds a task's proof to its service's name (<service>.<slot>.<task id>), dots in the service allowed", () => {
    const svc = "wharf_a_p_app_my.svc";
    const t = ownerProof(key, "t", f, svc);
    expect(verifyOwner(key, `${svc}.1.ab12cd`, labels(t))).toMatchObject({ kind: "t" });
    expect(verifyOwner(key, `${svc}.1`, labels(t))).toBeNull();
    expect(verifyOwner(key, `other.1.ab12cd`, labels(t))).toBeNull();
    expect(verifyOwner(key, svc, labels(t))).toBeNull();
  });
});
