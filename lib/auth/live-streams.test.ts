import { describe, expect, it } from "vitest";
import { openStreamCount, recheckStreamsOf, watchStream } from "./live-streams";

describe("live streams", () => {
  it("closes, with the reason, only the user's streams whose check fails", async () => {
    const closed: string[] = [];
    let allowed = true;
    const stopA = watchStream({
      userId: "u1",
      check: async () => {
        if (!allowed) throw new Error("Container not found");
      },
      close: (r) => closed.push(`a: ${r}`),
    });
    watchStream({ userId: "u1", check: async () => true, close: (r) => closed.push(`b: ${r}`) });
    watchStream({
      userId: "u2",
      check: async () => {
        throw new Error("never checked");
      },
      close: (r) => closed.push(`c: ${r}`),
    });
    await recheckStreamsOf("u1", "your membership was removed");
    expect(closed).toEqual([]);
    allowed = false;
    await recheckStreamsOf("u1", "your membership was removed");
    expect(closed).toEqual(["a: your membership was removed (Container not found)"]);
    expect(openStreamCount("u1")).toBe(1); // the closed stream is forgotten; b stays
    await recheckStreamsOf("u1", "again");
    expect(closed).toHaveLength(1);
    stopA();
    expect(openStreamCount("u2")).toBe(1);
  });
});
