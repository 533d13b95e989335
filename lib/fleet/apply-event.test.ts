import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@/lib/docker/events";
import { ownerLabel } from "@/lib/docker/owned-labels";
import { applyEvent } from "./apply-event";

const owner = { tenant: "t1", project: "p1", app: "a1", service: "web" };
const proved = {
  "wharf.tenant": "t1",
  "wharf.project": "p1",
  "wharf.app": "a1",
  "wharf.service": "web",
  ...ownerLabel("c", owner, "web"),
};
const ev = (Action: string, attrs: Record<string, string> = {}, time = 1000): EngineEvent => ({
  Type: "container",
  Action,
  Actor: {
    ID: "c1",
    Attributes: { name: "web", image: "busybox", ...proved, other: "x", ...attrs },
  },
  time,
  timeNano: time * 1e9,
});

describe("applyEvent", () => {
  it("learns a new container from create, with Wharf labels only", () => {
    const out = applyEvent(undefined, "h1", ev("create"));
    expect(out.kind).toBe("upsert");
    if (out.kind !== "upsert") return;
    expect(out.record).toMatchObject({
      id: "c1",
      name: "web",
      image: "busybox",
      state: "created",
      hostId: "h1",
      tenant: "t1",
      labels: { "wharf.tenant": "t1", "wharf.project": "p1", "wharf.app": "a1", "wharf.service": "web" },
    });
    expect(out.refresh).toBe(true);
  });
  it("believes no Wharf label without a proof bound to the container's name", () => {
    const spoofs: Record<string, string>[] = [
      { "wharf.owner": "" },
      { name: "brave_turing" },
      { "wharf.tenant": "t2" },
    ];
    for (const attrs of spoofs) {
      const out = applyEvent(undefined, "h1", ev("create", attrs));
      expect(out).toMatchObject({ kind: "upsert", record: { tenant: null, app: null, labels: {} } });
    }
  });
  it("proves a renamed container again: moved aside keeps its owner, any other name loses it", () => {
    const created = applyEvent(undefined, "h1", ev("create"));
    if (created.kind !== "upsert") throw new Error();
    const aside = applyEvent(created.record, "h1", ev("rename", { name: "web_prev_3" }));
    expect(aside).toMatchObject({ record: { name: "web_prev_3", tenant: "t1" } });
    const other = applyEvent(created.record, "h1", ev("rename", { name: "db" }));
    expect(other).toMatchObject({ record: { name: "db", tenant: null } });
  });
  it("sets states from start, die (with exit code), pause", () => {
    const created = applyEvent(undefined, "h1", ev("create"));
    if (created.kind !== "upsert") throw new Error();
    const started = applyEvent(created.record, "h1", ev("start", {}, 1001));
    expect(started).toMatchObject({ record: { state: "running", status: "Up", since: 1_001_000 } });
    const died = applyEvent(created.record, "h1", ev("die", { exitCode: "137" }, 1002));
    expect(died).toMatchObject({ record: { state: "exited", status: "Exited (137)" }, refresh: false });
  });
  it("removes on destroy and ignores exec noise", () => {
    expect(applyEvent(undefined, "h1", ev("destroy"))).toEqual({ kind: "remove" });
    const created = applyEvent(undefined, "h1", ev("create"));
    if (created.kind !== "upsert") throw new Error();
    expect(applyEvent(created.record, "h1", ev("exec_start: sh"))).toEqual({ kind: "none" });
  });
  it("converges when replayed twice", () => {
    const a = applyEvent(undefined, "h1", ev("start"));
    if (a.kind !== "upsert") throw new Error();
    const b = applyEvent(a.record, "h1", ev("start"));
    expect(b).toMatchObject({ record: { state: "running" } });
  });
  it("reads health from health_status events", () => {
    const a = applyEvent(undefined, "h1", ev("start"));
    if (a.kind !== "upsert") throw new Error();
    expect(applyEvent(a.record, "h1", ev("health_status: unhealthy"))).toMatchObject({
      record: { status: "Up (unhealthy)" },
    });
  });
});
