import { describe, expect, it } from "vitest";
import type { SwarmTask } from "@/lib/docker/services";
import {
  CRASH_LOOP_ATTEMPTS,
  describeTask,
  judgeFailures,
  stayedUp,
  swarmRestartLimit,
} from "./swarm-failures";

const T0 = Date.parse("2026-12-02T10:00:00Z");
let n = 0;
function task(over: Partial<SwarmTask> & { at: number }): SwarmTask {
  const { at, ...rest } = over;
  return {
    id: `t${++n}`,
    serviceId: "s",
    hash: "h",
    createdAt: new Date(T0 + at * 1000).toISOString(),
    state: "failed",
    desiredState: "shutdown",
    message: "started",
    error: "task: non-zero exit (137): dockerexec: unhealthy container",
    exitCode: 137,
    containerId: "c",
    nodeId: "n1",
    slot: 1,
    forceUpdate: 0,
    ...rest,
  };
}
const restartAny = { restart: "always" as const };

describe("judgeFailures", () => {
  it("tolerates a failure Swarm restarts (restart_policy any), reporting it as the latest", () => {
    const failed = task({ at: 1 });
    const v = judgeFailures(
      [failed, task({ at: 20, state: "running", desiredState: "running" })],
      restartAny,
      T0,
    );
    expect(v.final).toBeNull();
    expect(v.latest?.id).toBe(failed.id);
    expect(v.attempts).toBe(1);
  });

  it("fails at the first failure when deploy.restart_policy says none", () => {
    const v = judgeFailures([task({ at: 1 })], { restart: "no", swarmRestartNone: true }, T0);
    expect(v.final?.why).toMatch(/restart policy none/);
  });

  it("waits for Swarm's restarts when the file has no restart policy (Swarm's any, as docker stack deploy)", () => {
    const once = judgeFailures([task({ at: 1 })], { restart: "no" }, T0);
    expect(once.final).toBeNull();
    const loop = Array.from({ length: CRASH_LOOP_ATTEMPTS }, (_, i) => task({ at: i * 6 }));
    expect(judgeFailures(loop, { restart: "no" }, T0).final?.why).toMatch(/crash loop/);
  });

  it("fails once a slot used up max_attempts", () => {
    const svc = { restart: "on-failure" as const, restartMaxRetries: 1 };
    expect(judgeFailures([task({ at: 1 })], svc, T0).final).toBeNull();
    expect(judgeFailures([task({ at: 1 }), task({ at: 9 })], svc, T0).final?.why).toMatch(/after 1 restart/);
  });

  it("fails on a crash loop of one slot, not on one failure in each of several slots", () => {
    const spread = [1, 2, 3].map((slot) => task({ at: slot, slot }));
    expect(judgeFailures(spread, restartAny, T0).final).toBeNull();
    const loop = Array.from({ length: CRASH_LOOP_ATTEMPTS }, (_, i) => task({ at: i * 10, slot: 2 }));
    const v = judgeFailures(loop, restartAny, T0);
    expect(v.final?.task.id).toBe(loop.at(-1)!.id);
    expect(v.final?.why).toMatch(/crash loop/);
  });

  it("counts a global service's tasks per node (they have no slot)", () => {
    const perNode = ["n1", "n2", "n3"].map((nodeId, i) => task({ at: i, slot: 0, nodeId }));
    expect(judgeFailures(perNode, restartAny, T0).final).toBeNull();
    const oneNode = Array.from({ length: CRASH_LOOP_ATTEMPTS }, (_, i) => task({ at: i, slot: 0 }));
    expect(judgeFailures(oneNode, restartAny, T0).final).not.toBeNull();
  });

  it("ignores failures from before the change", () => {
    const none = { restart: "no" as const, swarmRestartNone: true as const };
    const v = judgeFailures([task({ at: -30 }), task({ at: -20 }), task({ at: -10 })], none, T0);
    expect(v).toEqual({ final: null, latest: null, attempts: 0 });
  });
});

describe("swarmRestartLimit and describeTask", () => {
  it("maps restart policies to Swarm's restarts (max_attempts 0 has no limit)", () => {
    expect(swarmRestartLimit({ restart: "no", swarmRestartNone: true })).toBe(0);
    expect(swarmRestartLimit({ restart: "no" })).toBe(Infinity);
    expect(swarmRestartLimit({ restart: "always" })).toBe(Infinity);
    expect(swarmRestartLimit({ restart: "on-failure", restartMaxRetries: 0 })).toBe(Infinity);
    expect(swarmRestartLimit({ restart: "on-failure", restartMaxRetries: 2 })).toBe(2);
  });

  it("says the state, the exit code and the engine's error", () => {
    expect(describeTask(task({ at: 0 }))).toBe(
      "task failed with exit code 137: task: non-zero exit (137): dockerexec: unhealthy container",
    );
    expect(describeTask(task({ at: 0, state: "rejected", exitCode: null, error: "No such image: x" }))).toBe(
      "task rejected: No such image: x",
    );
  });
});

describe("stayedUp", () => {
  const up = (id: string) => task({ at: 0, id, state: "running", desiredState: "running" });

  it("needs the same tasks seen running a second apart, from their first sighting", () => {
    const first = stayedUp(null, [up("a")], T0);
    expect(first.up).toBe(false);
    expect(stayedUp(first.watch, [up("a")], T0 + 999).up).toBe(false);
    expect(stayedUp(first.watch, [up("a")], T0 + 1000).up).toBe(true);
  });

  it("does not pass a task seen running once after a slow check (the crash loop on a busy manager)", () => {
    // The previous check, 1.5 s ago, saw no running task; this one sees one for the first time.
    expect(stayedUp(null, [up("crashing")], T0 + 1500).up).toBe(false);
  });

  it("starts over when another task runs in the slot (Swarm restarted a failed one)", () => {
    const first = stayedUp(null, [up("a")], T0);
    const replaced = stayedUp(first.watch, [up("b")], T0 + 2000);
    expect(replaced.up).toBe(false);
    expect(stayedUp(replaced.watch, [up("b")], T0 + 3000).up).toBe(true);
  });
});
