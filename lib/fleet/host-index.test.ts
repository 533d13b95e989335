import { describe, expect, it } from "vitest";
import { buildHostIndex, searchHostIndex } from "./host-index";
import type { Entry } from "./entry";

const e = (id: string, search: string) => ({ id, search }) as Entry;

describe("host search index", () => {
  it("finds each matching entry once, including first and last, never across entries", () => {
    const idx = buildHostIndex([e("a", "web-1\nnginx"), e("b", "db\npostgres"), e("c", "web-2\nnginx web")]);
    const out: Entry[] = [];
    searchHostIndex(idx, "web", out);
    expect(out.map((x) => x.id)).toEqual(["a", "c"]);
    const across: Entry[] = [];
    searchHostIndex(idx, "nginxdb", across);
    expect(across).toEqual([]);
    const none: Entry[] = [];
    searchHostIndex(buildHostIndex([]), "x", none);
    searchHostIndex(idx, "a\u0000b", none);
    expect(none).toEqual([]);
    const last: Entry[] = [];
    searchHostIndex(idx, "nginx web", last);
    expect(last.map((x) => x.id)).toEqual(["c"]);
  });
});
