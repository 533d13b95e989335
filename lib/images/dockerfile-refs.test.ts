import { describe, expect, it } from "vitest";
import { dockerfileImageRefs } from "./dockerfile-refs";

const refs = (text: string, args: Record<string, string> = {}) =>
  dockerfileImageRefs(text, args).uses.map((u) => `${u.instruction} ${u.ref}`);

describe("dockerfileImageRefs", () => {
  it("finds FROM and COPY --from images, not stages or scratch", () => {
    const text = [
      "# syntax=docker/dockerfile:1",
      "FROM --platform=linux/amd64 wharf/b/p/secret:1 AS Build",
      "RUN make",
      "FROM scratch",
      "COPY --from=build /out /out",
      "COPY --from=0 /x /x",
      "COPY --chown=1:1 --from=redis:alpine /etc/passwd /p",
      "ONBUILD COPY --from=sha256:abc /s /s",
    ].join("\n");
    expect(refs(text)).toEqual([
      "FROM wharf/b/p/secret:1",
      "COPY --from redis:alpine",
      "COPY --from sha256:abc",
    ]);
  });

  it("resolves ARG defaults, build args and ${X:-default}", () => {
    const text = 'ARG BASE="alpine:3"\nARG TAG\nFROM ${BASE}\nFROM $BASE-${TAG:-x}\nFROM other:${TAG}';
    expect(refs(text, { TAG: "7" })).toEqual(["FROM alpine:3", "FROM alpine:3-7", "FROM other:7"]);
    expect(refs(text, { BASE: "wharf/b/p/s:1", TAG: "1" })[0]).toBe("FROM wharf/b/p/s:1");
  });

  it("ignores ARGs after the first FROM and build args for undeclared names", () => {
    const r = dockerfileImageRefs("FROM a\nARG X=b\nFROM ${X}", { Y: "c" });
    expect(r.uses.map((u) => u.ref)).toEqual(["a"]);
    expect(r.errors[0].line).toBe(3);
  });

  it("joins continuation lines and honours the escape directive", () => {
    expect(refs("FROM \\\n  busybox:latest \\\n  AS b\nCOPY --from=b / /")).toEqual(["FROM busybox:latest"]);
    expect(refs("# escape=`\nFROM `\n  x:1")).toEqual(["FROM x:1"]);
  });

  it("refuses a reference it cannot resolve", () => {
    const r = dockerfileImageRefs("ARG X\nFROM ${X}\nCOPY --from=$Y / /", {});
    expect(r.errors.map((e) => e.line)).toEqual([2, 3]);
  });
});
