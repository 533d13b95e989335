import { describe, expect, it } from "vitest";
import { EventBus, serialize, type SimEvent } from "./events";
import { eventFilter, parseFilters } from "./filters";
import { EngineState } from "./state";
import { parseEventTime, rfc3339Nano, humanDuration } from "./time";

const S = 1_000_000_000n;
const T0 = 1_800_000_000n * S;

function setup(capacity: number) {
  const state = new EngineState(0, 1, { labelFraction: 0, tenants: 1 });
  const web = state.create(
    { name: "web", image: "nginx:1.25", cmd: ["nginx"], labels: { "wharf.tenant": "t1" } },
    T0,
  );
  const db = state.create({ name: "db", image: "postgres:16", cmd: ["postgres"] }, T0);
  const bus = new EventBus(capacity);
  const ev = (sec: number, action: SimEvent["action"], c = web): SimEvent => ({
    timeNano: T0 + BigInt(sec) * S + 123n,
    action,
    c,
    extra: null,
  });
  return { bus, web, db, ev };
}

const lines = (s: string) =>
  s
    .split("\n")
    .filter(Boolean)
    .map(
      (l) =>
        JSON.parse(l) as {
          Action: string;
          time: number;
          timeNano: number;
          Actor: { Attributes: Record<string, string> };
        },
    );

describe("EventBus ring", () => {
  it("keeps only the last `capacity` events, oldest first", () => {
    const { bus, ev } = setup(3);
    for (let i = 0; i < 5; i++) bus.push(ev(i, "start"));
    expect([...bus.all()].map((e) => e.timeNano)).toEqual([2, 3, 4].map((i) => T0 + BigInt(i) * S + 123n));
    expect(bus.emitted).toBe(5);
  });

  it("replays since/until inclusively and only when one of them is set", () => {
    const { bus, ev, db } = setup(100);
    bus.push(ev(0, "create"));
    bus.push(ev(1, "start"));
    bus.push(ev(2, "create", db));
    bus.push(ev(3, "die"));
    expect(bus.replay(null, null, null)).toBe("");
    expect(lines(bus.replay(T0 + S + 123n, null, null)).map((e) => e.Action)).toEqual([
      "start",
      "create",
      "die",
    ]);
    expect(lines(bus.replay(T0 + S + 124n, T0 + 2n * S + 123n, null)).map((e) => e.Action)).toEqual([
      "create",
    ]);
    expect(lines(bus.replay(0n, null, null))).toHaveLength(4);
    const byName = eventFilter(parseFilters('{"container":["db"]}'));
    expect(lines(bus.replay(0n, null, byName)).map((e) => e.Action)).toEqual(["create"]);
  });

  it("writes live events to matching subscribers only", () => {
    const { bus, ev, db } = setup(10);
    const got: string[] = [];
    const other: string[] = [];
    bus.subscribers.add({ filter: null, write: (l) => got.push(l) });
    bus.subscribers.add({
      filter: eventFilter(parseFilters('{"label":["wharf.tenant=t1"]}')),
      write: (l) => other.push(l),
    });
    bus.push(ev(0, "start"));
    bus.push(ev(1, "start", db));
    expect(got).toHaveLength(2);
    expect(other).toHaveLength(1);
  });
});

describe("event JSON", () => {
  it("matches the engine's message shape with an exact integer timeNano", () => {
    const { ev, web } = setup(1);
    const e: SimEvent = { ...ev(0, "die"), extra: { key: "exitCode", value: "137" } };
    const line = serialize(e);
    expect(line.endsWith("}\n")).toBe(true);
    const msg = JSON.parse(line);
    expect(Object.keys(msg)).toEqual([
      "status",
      "id",
      "from",
      "Type",
      "Action",
      "Actor",
      "scope",
      "time",
      "timeNano",
    ]);
    expect(msg.Actor).toEqual({
      ID: web.id,
      Attributes: { exitCode: "137", image: "nginx:1.25", name: "web", "wharf.tenant": "t1" },
    });
    expect(Object.keys(msg.Actor.Attributes)).toEqual(["exitCode", "image", "name", "wharf.tenant"]);
    expect(msg.time).toBe(1_800_000_000);
    expect(line).toContain(`"timeNano":${T0 + 123n}}`);
  });
});

describe("time helpers", () => {
  it("parses the engine's since/until forms", () => {
    expect(parseEventTime(null)).toBeNull();
    expect(parseEventTime("")).toBeNull();
    expect(parseEventTime("123")).toBe(123n * S);
    expect(parseEventTime("123.456789")).toBe(123n * S + 456_789_000n);
    expect(parseEventTime("123.000000001")).toBe(123n * S + 1n);
    expect(parseEventTime("123.5")).toBe(123n * S + 500_000_000n);
    expect(() => parseEventTime("abc")).toThrow(/invalid syntax/);
  });

  it("formats like Go's RFC3339Nano and HumanDuration", () => {
    expect(rfc3339Nano(0n)).toBe("0001-01-01T00:00:00Z");
    expect(rfc3339Nano(T0 + 770_490_170n)).toBe("2027-01-15T08:00:00.77049017Z");
    expect(rfc3339Nano(T0)).toBe("2027-01-15T08:00:00Z");
    expect(humanDuration(0.5)).toBe("Less than a second");
    expect(humanDuration(1)).toBe("1 second");
    expect(humanDuration(59)).toBe("59 seconds");
    expect(humanDuration(61)).toBe("About a minute");
    expect(humanDuration(300)).toBe("5 minutes");
    expect(humanDuration(3600)).toBe("About an hour");
    expect(humanDuration(5 * 3600)).toBe("5 hours");
    expect(humanDuration(3 * 86400)).toBe("3 days");
  });
});
