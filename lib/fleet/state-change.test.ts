import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@/lib/docker/events";
import { stateChangeOf } from "./state-change";

const ev = (Action: string, Attributes: Record<string, string> = {}, Type = "container"): EngineEvent => ({
  Type,
  Action,
  Actor: { ID: "c1", Attributes },
  time: 1,
  timeNano: 1e9,
});

describe("stateChangeOf", () => {
  it("keeps non-zero exits, out of memory, unhealthy and restarts", () => {
    expect(stateChangeOf(ev("die", { exitCode: "137" }))).toEqual({ type: "exit", exitCode: 137 });
    expect(stateChangeOf(ev("oom"))).toEqual({ type: "oom", exitCode: null });
    expect(stateChangeOf(ev("restart"))).toEqual({ type: "restart", exitCode: null });
    expect(stateChangeOf(ev("health_status: unhealthy"))).toEqual({ type: "unhealthy", exitCode: null });
  });

  it("drops clean exits, execs, passing health checks and other objects' events", () => {
    expect(stateChangeOf(ev("die", { exitCode: "0" }))).toBeNull();
    expect(stateChangeOf(ev("exec_die", { exitCode: "1" }))).toBeNull();
    expect(stateChangeOf(ev("exec_start: sh -c true"))).toBeNull();
    expect(stateChangeOf(ev("health_status: healthy"))).toBeNull();
    expect(stateChangeOf(ev("start"))).toBeNull();
    expect(stateChangeOf(ev("die", { exitCode: "1" }, "network"))).toBeNull();
  });
});
