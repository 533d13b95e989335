import { afterEach, describe, expect, it, vi } from "vitest";
import { AUTH_CACHE_MS, cachedRow, forgetActorsOf, forgetTokenHash } from "./credential-cache";

afterEach(() => vi.useRealTimers());

/** A reader that counts its reads and answers what `rows` holds now. */
function reader(rows: Map<string, { userId: string; role: string }>) {
  const reads: string[] = [];
  const read = (kind: "session" | "token", hash: string) =>
    cachedRow(kind, hash, async () => {
      reads.push(`${kind}:${hash}`);
      return rows.get(hash) && { ...rows.get(hash)! };
    });
  return { reads, read };
}

describe("credential cache", () => {
  it("reads a credential again once AUTH_CACHE_MS has passed, never later", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const rows = new Map([["h-ttl", { userId: "u-ttl", role: "admin" }]]);
    const { reads, read } = reader(rows);
    expect((await read("session", "h-ttl"))?.role).toBe("admin");
    rows.set("h-ttl", { userId: "u-ttl", role: "none" }); // changed behind this instance's back
    vi.advanceTimersByTime(AUTH_CACHE_MS - 1);
    expect((await read("session", "h-ttl"))?.role).toBe("admin");
    vi.advanceTimersByTime(1);
    expect((await read("session", "h-ttl"))?.role).toBe("none");
    expect(reads).toEqual(["session:h-ttl", "session:h-ttl"]);
    expect(AUTH_CACHE_MS).toBeLessThanOrEqual(5000); // issue 20's bound
  });

  it("shares one read among concurrent requests, keeps sessions and tokens apart, and keeps no unknown credential", async () => {
    const rows = new Map([["h-share", { userId: "u-share", role: "admin" }]]);
    const { reads, read } = reader(rows);
    const [a, b] = await Promise.all([read("token", "h-share"), read("token", "h-share")]);
    expect(a).toBe(b);
    await read("session", "h-share");
    expect(await read("token", "h-new")).toBeUndefined();
    rows.set("h-new", { userId: "u-new", role: "admin" }); // created after a miss: works at once
    expect((await read("token", "h-new"))?.role).toBe("admin");
    expect(reads).toEqual(["token:h-share", "session:h-share", "token:h-new", "token:h-new"]);
  });

  it("forgets a user's credentials, and one token, at once", async () => {
    const rows = new Map([
      ["h-1", { userId: "u-1", role: "admin" }],
      ["h-2", { userId: "u-2", role: "admin" }],
    ]);
    const { reads, read } = reader(rows);
    await read("session", "h-1");
    await read("token", "h-1");
    await read("session", "h-2");
    forgetActorsOf(["u-1"]);
    await read("session", "h-1");
    await read("token", "h-1");
    await read("session", "h-2"); // another user's row stays
    forgetTokenHash("h-2");
    await read("session", "h-2");
    expect(reads.filter((r) => r.endsWith("h-1"))).toHaveLength(4);
    expect(reads.filter((r) => r === "session:h-2")).toHaveLength(2);
  });

  it("forgets a read still in flight when any user's access changes (it may predate the change)", async () => {
    const pending: ((row: { userId: string }) => void)[] = [];
    const slow = () =>
      cachedRow("session", "h-flight", () => new Promise<{ userId: string }>((r) => pending.push(r)));
    const first = slow();
    forgetActorsOf(["someone-else"]);
    const second = slow();
    expect(pending).toHaveLength(2);
    for (const release of pending) release({ userId: "u-flight" });
    await Promise.all([first, second]);
  });
});
