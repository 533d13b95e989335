import { describe, expect, it } from "vitest";
import { oneAtATime } from "./one-at-a-time";

const tick = () => new Promise((r) => setTimeout(r, 5));

function recorder() {
  const log: string[] = [];
  const step =
    (name: string, fail = false) =>
    async () => {
      log.push(`${name}:start`);
      await tick();
      log.push(`${name}:end`);
      if (fail) throw new Error(name);
    };
  return { log, step };
}

describe("oneAtATime", () => {
  it("runs calls with one key one after another, in order, even when one fails", async () => {
    const { log, step } = recorder();
    const results = await Promise.allSettled([
      oneAtATime("c1", step("a")),
      oneAtATime("c1", step("b", true)),
      oneAtATime("c1", step("c")),
    ]);
    expect(log).toEqual(["a:start", "a:end", "b:start", "b:end", "c:start", "c:end"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("lets other keys run at the same time", async () => {
    const { log, step } = recorder();
    await Promise.all([oneAtATime("x", step("x")), oneAtATime("y", step("y"))]);
    expect(log.slice(0, 2).sort()).toEqual(["x:start", "y:start"]);
  });

  it("joins a call with the same tag that still waits its turn, but not one that already runs", async () => {
    const { log, step } = recorder();
    const running = oneAtATime("c2", step("restart 1"), "restart");
    await Promise.resolve(); // restart 1 has started
    const waiting = oneAtATime("c2", step("restart 2"), "restart");
    const joined = oneAtATime("c2", step("restart 3"), "restart");
    const other = oneAtATime("c2", step("stop"), "stop");
    await Promise.all([running, waiting, joined, other]);
    expect(log).toEqual([
      "restart 1:start",
      "restart 1:end",
      "restart 2:start",
      "restart 2:end",
      "stop:start",
      "stop:end",
    ]);
  });
});
