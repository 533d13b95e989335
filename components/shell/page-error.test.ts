import { describe, expect, it } from "vitest";
import { isChunkLoadError } from "./page-error";

describe("isChunkLoadError", () => {
  it("knows webpack's failed chunk load, by name or by its message", () => {
    const named = Object.assign(new Error("Loading chunk 7173 failed."), { name: "ChunkLoadError" });
    expect(isChunkLoadError(named)).toBe(true);
    expect(
      isChunkLoadError(new Error("Loading chunk app-page-7 failed.\n(error: http://x/_next/a.js)")),
    ).toBe(true);
  });

  it("leaves every other error to the page's error screen", () => {
    expect(isChunkLoadError(new TypeError("Cannot read properties of undefined"))).toBe(false);
  });
});
