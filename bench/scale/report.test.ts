import { describe, expect, it } from "vitest";
import { latencyMatrix, parseScaleArgs } from "./args";
import { buildRows, formatTable, type ScaleResults } from "./report";
import { watchesContainers } from "./sse-clients";
import { summarize } from "./stats";

describe("scale flags", () => {
  it("parses numbers, phases and priority, and refuses nonsense", () => {
    const a = parseScaleArgs(["--hosts", "10", "--soak-minutes", "0.5", "--no-browser", "--priority=-10"]);
    expect(a).toMatchObject({ hosts: 10, containers: 100, soakMinutes: 0.5, priority: -10 });
    expect([...a.phases]).toEqual(["soak", "latency", "http"]);
    expect(() => parseScaleArgs(["--hosts", "ten"])).toThrow(/--hosts/);
    expect(() => parseScaleArgs(["--phases", "soak,nap"])).toThrow(/nap/);
  });
  it("measures 100 and the high value of rate and clients, without duplicates", () => {
    expect(latencyMatrix({ rate: 1000, clients: 1000 })).toEqual([
      { clients: 100, rate: 100 },
      { clients: 100, rate: 1000 },
      { clients: 1000, rate: 100 },
      { clients: 1000, rate: 1000 },
    ]);
    expect(latencyMatrix({ rate: 50, clients: 10 })).toEqual([{ clients: 10, rate: 50 }]);
  });
});

describe("results table", () => {
  it("judges each figure against its target", () => {
    const r: ScaleResults = {
      syncSeconds: 12,
      registerSeconds: 11,
      rssAfterSyncBytes: 2 * 1024 ** 3,
      soak: {
        minutes: 10,
        rate: 1000,
        clients: 100,
        startBytes: 100,
        endBytes: 104,
        growth: 0.04,
        latency: null,
      },
      latency: [
        {
          clients: 100,
          rate: 1000,
          meters: 20,
          latency: summarize([10, 20, 200]),
          changesPerEvent: 1,
          resyncs: 0,
          errors: 0,
        },
      ],
      counters: { latency: summarize([5, 10, 15]) },
      countersFloor: { latency: summarize([1, 2, 3]), rps: 9000 },
      containersPage: null,
      page: null,
    };
    const rows = buildRows(r, { rate: 1000, clients: 100 });
    const met = Object.fromEntries(rows.map((x) => [x.figure.split(" (")[0], x.met]));
    expect(met["full sync"]).toBe(true);
    expect(met["server RSS after sync"]).toBe(false);
    expect(rows.find((x) => x.figure.startsWith("RSS growth"))!.met).toBe(true);
    expect(rows.find((x) => x.figure.includes("headline"))!.met).toBe(false); // p99 200 ms > 150
    expect(formatTable(rows)).toContain("| NO ");
    // The floor is context for the counters row, not a target of its own.
    const floorRow = rows.find((x) => x.figure.includes("bare node:http"))!;
    expect(floorRow).toMatchObject({ met: null, target: "—" });
    expect(floorRow.measured).toContain("9000 req/s");
  });
});

describe("--watchers", () => {
  it("spreads the share of clients asking for container changes evenly, 1 by default", () => {
    expect(parseScaleArgs([]).watchers).toBe(1);
    expect(() => parseScaleArgs(["--watchers", "2"])).toThrow(/--watchers/);
    const pick = (f: number, n: number) => Array.from({ length: n }, (_, j) => watchesContainers(j, f));
    expect(pick(1, 5)).toEqual([true, true, true, true, true]);
    expect(pick(0, 5)).toEqual([false, false, false, false, false]);
    expect(pick(0.1, 980).filter(Boolean)).toHaveLength(98);
    expect(pick(0.5, 4)).toEqual([false, true, false, true]);
  });
});
