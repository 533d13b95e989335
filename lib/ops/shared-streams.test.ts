import { describe, expect, it } from "vitest";
import { SharedStreams, type Listener } from "./shared-streams";

function recorder<T>() {
  const got: T[] = [];
  const ended: (string | undefined)[] = [];
  const l: Listener<T> = { data: (v) => got.push(v), end: (e) => ended.push(e) };
  return { l, got, ended };
}

function upstream() {
  const state = { opens: 0, stops: 0, emit: (_: number) => {}, end: (_?: string) => {} };
  const produce = async (emit: (v: number) => void, end: (e?: string) => void) => {
    state.opens++;
    state.emit = emit;
    state.end = end;
    return () => void state.stops++;
  };
  return { state, produce };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("SharedStreams", () => {
  it("opens one upstream for many listeners and stops it when the last leaves", async () => {
    const hub = new SharedStreams<number>();
    const { state, produce } = upstream();
    const a = recorder<number>(),
      b = recorder<number>();
    const leaveA = hub.subscribe("c1", produce, a.l);
    const leaveB = hub.subscribe("c1", produce, b.l);
    await tick();
    state.emit(1);
    expect(state.opens).toBe(1);
    expect(a.got).toEqual([1]);
    expect(b.got).toEqual([1]);
    leaveA();
    leaveA();
    expect(state.stops).toBe(0);
    leaveB();
    expect(state.stops).toBe(1);
    expect(hub.snapshot()).toEqual([]);
  });

  it("stops an upstream that finishes opening after everyone left", async () => {
    const hub = new SharedStreams<number>();
    const { state, produce } = upstream();
    hub.subscribe("c1", produce, recorder<number>().l)();
    await tick();
    expect(state.stops).toBe(1);
  });

  it("tells every listener when the upstream ends, and reopens for the next one", async () => {
    const hub = new SharedStreams<number>({ replayLast: true });
    const { state, produce } = upstream();
    const a = recorder<number>();
    hub.subscribe("c1", produce, a.l);
    await tick();
    state.emit(7);
    const late = recorder<number>();
    hub.subscribe("c1", produce, late.l);
    expect(late.got).toEqual([7]);
    state.end("container stopped");
    expect(a.ended).toEqual(["container stopped"]);
    hub.subscribe("c1", produce, recorder<number>().l);
    expect(state.opens).toBe(2);
  });
});
