import { describe, expect, it } from "vitest";
import { exportCompose } from "./export";
import { parseCompose } from "./parse";

const file = (marks: string) =>
  [
    "services:",
    "  api:",
    "    image: nginx",
    "    environment:",
    "      STRIPE: sk_live_abcdef",
    "      MODE: production",
    `    x-wharf-secret-env: ${marks}`,
  ].join("\n");

describe("x-wharf-secret-env", () => {
  it("marks the named environment values secret, without the 'extension ignored' warning", () => {
    const r = parseCompose(file("[STRIPE]"));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.spec.services.api.secretEnv).toEqual(["STRIPE"]);
    expect(r.warnings.join("\n")).not.toContain("x-wharf-secret-env");
  });

  it("survives the export, so the effective file keeps the marks", () => {
    const r = parseCompose(file("[STRIPE]"));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const out = exportCompose(r.spec) as { services: Record<string, Record<string, unknown>> };
    expect(out.services.api["x-wharf-secret-env"]).toEqual(["STRIPE"]);
  });

  it("refuses a mark naming no variable of the service, and a mark that is not a list of names", () => {
    const typo = parseCompose(file("[STRIPE_KEYY]"));
    expect(typo.ok).toBe(false);
    if (!typo.ok)
      expect(typo.errors[0].message).toMatch(/"STRIPE_KEYY" is not set in services\.api\.environment/);
    const bad = parseCompose(file("STRIPE"));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map((e) => e.message).join(" ")).toMatch(/list of environment variable names/);
  });
});
