import { describe, expect, it } from "vitest";
import { reservedDockerfileLabels } from "./dockerfile-labels";

const keys = (text: string) => reservedDockerfileLabels(text).map((r) => [r.line, r.key]);

describe("reservedDockerfileLabels", () => {
  it("finds reserved keys in every LABEL spelling, with their line", () => {
    const text = [
      "FROM scratch",
      "LABEL wharf.tenant=B wharf.app=b-app",
      'label "com.docker.swarm.service.id"="x" ok=1',
      "LABEL io.docker.legacy value with spaces",
      "LABEL a=1 \\",
      "  # a comment inside the continuation",
      "  org.dockerproject.z=2",
      "ONBUILD LABEL WHARF.Tenant=x",
      "LABEL fine=wharf.tenant other.com.docker=1",
    ].join("\n");
    expect(keys(text)).toEqual([
      [2, "wharf.tenant"],
      [2, "wharf.app"],
      [3, "com.docker.swarm.service.id"],
      [4, "io.docker.legacy"],
      [5, "org.dockerproject.z"],
      [8, "WHARF.Tenant"],
    ]);
  });
  it("refuses label names built from variables", () => {
    expect(keys('ARG K=wharf.tenant\nLABEL $K=B "${K}x"=1')).toEqual([
      [2, "$K"],
      [2, "${K}x"],
    ]);
  });
  it("leaves other instructions and ordinary labels alone", () => {
    expect(
      keys('FROM x\nRUN echo LABEL wharf.tenant=x\nLABEL maintainer="a b" version=1\nENV wharf.x=1'),
    ).toEqual([]);
  });
});
