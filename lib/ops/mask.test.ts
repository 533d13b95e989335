import { describe, expect, it } from "vitest";
import { MASK, maskEnvEntry, maskInspect } from "./mask";

describe("masking", () => {
  it("masks secret-looking env values only", () => {
    for (const k of ["DB_PASSWORD", "API_KEY", "secret", "GITHUB_TOKEN", "AWS_CREDENTIALS", "BASIC_AUTH"])
      expect(maskEnvEntry(`${k}=x=y`)).toBe(`${k}=${MASK}`);
    expect(maskEnvEntry("PATH=/bin")).toBe("PATH=/bin");
    expect(maskEnvEntry("NOVALUE")).toBe("NOVALUE");
  });
  it("masks inside a copy of the inspect JSON", () => {
    const raw = { Config: { Env: ["A=1", "MY_SECRET=s"], Labels: { "auth.token": "t", app: "x" } } };
    const masked = maskInspect(raw);
    expect(masked.Config.Env).toEqual(["A=1", `MY_SECRET=${MASK}`]);
    expect(masked.Config.Labels).toEqual({ "auth.token": MASK, app: "x" });
    expect(raw.Config.Env[1]).toBe("MY_SECRET=s");
  });
});
