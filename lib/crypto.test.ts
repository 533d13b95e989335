import { describe, expect, it } from "vitest";
import { hashToken } from "./crypto";

describe("hashToken", () => {
  it("is the SHA-256 of the token in hex, as the stored rows hold it", () => {
    // FIPS 180-2's test vector, and a token shaped like randomToken's.
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("wharf_" + "A".repeat(43))).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken("a")).not.toBe(hashToken("b"));
  });
});
