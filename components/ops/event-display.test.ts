import { describe, expect, it } from "vitest";
import { eventTone, foldExecNoise } from "./event-display";

const ev = (action: string, id = "c1", attributes: Record<string, string> = {}) => ({
  time: "2026-12-02T03:12:00Z",
  type: "container",
  action,
  id,
  name: id,
  attributes,
});

describe("eventTone", () => {
  it("shows a clean exit and a clean health-check exec as neutral, a crash as red", () => {
    expect(eventTone(ev("exec_die", "c1", { exitCode: "0" }))).toBe("gray");
    expect(eventTone(ev("exec_die", "c1", { exitCode: "1" }))).toBe("amber");
    expect(eventTone(ev("die", "c1", { exitCode: "0" }))).toBe("gray");
    expect(eventTone(ev("die", "c1", { exitCode: "137" }))).toBe("red");
    expect(eventTone(ev("oom"))).toBe("red");
    expect(eventTone(ev("health_status: unhealthy"))).toBe("amber");
    expect(eventTone(ev("health_status: healthy"))).toBe("green");
    expect(eventTone(ev("start"))).toBe("green");
  });
});

describe("foldExecNoise", () => {
  it("folds a run of one container's exec events and keeps everything else in order", () => {
    const checks = ["exec_create: sh -c true", "exec_start: sh -c true", "exec_die"].map((a) => ev(a));
    const rows = foldExecNoise([ev("start"), ...checks, ...checks, ev("die", "c1", { exitCode: "1" })]);
    expect(rows.map((r) => (r.kind === "execs" ? `execs×${r.events.length}` : r.event.action))).toEqual([
      "start",
      "execs×6",
      "die",
    ]);
  });

  it("leaves short runs and interleaved containers unfolded", () => {
    const rows = foldExecNoise([ev("exec_create", "a"), ev("exec_create", "b"), ev("exec_die", "a")]);
    expect(rows.every((r) => r.kind === "event")).toBe(true);
  });
});
