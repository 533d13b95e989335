import { describe, expect, it } from "vitest";
import { connectionText, hostChanges, type Followed, type HostRow } from "./host-rows";

const row = (
  id: string,
  name = id,
  url = `tcp://${id}:2376`,
  tlsEncrypted: string | null = null,
): HostRow => ({
  id,
  name,
  url,
  tlsEncrypted,
});
const known = (...rows: HostRow[]) =>
  new Map<string, Followed>(rows.map((r) => [r.id, { connection: connectionText(r), name: r.name }]));

describe("hostChanges", () => {
  it("follows hosts added elsewhere, drops removed ones and renames renamed ones", () => {
    const c = hostChanges(known(row("a"), row("b"), row("c")), [row("a"), row("c", "renamed"), row("d")]);
    expect(c.follow.map((h) => h.id)).toEqual(["d"]);
    expect(c.rename.map((h) => [h.id, h.name])).toEqual([["c", "renamed"]]);
    expect(c.unfollow).toEqual(["b"]);
  });

  it("follows a host again when its address or TLS material changed, and leaves an unchanged one alone", () => {
    const was = known(row("a"), row("b", "b", "tcp://b:2376", "old"));
    const c = hostChanges(was, [row("a"), row("b", "b", "tcp://b:2376", "new")]);
    expect(c.follow.map((h) => h.id)).toEqual(["b"]);
    expect(hostChanges(was, [row("a"), row("b", "b", "tcp://b:2376", "old")])).toEqual({
      follow: [],
      rename: [],
      unfollow: [],
    });
  });
});
