// The simulator's one-shot stats, read by the collector's own reader (lib/docker/stats-reader.ts).
import { afterAll, beforeAll, expect, it } from "vitest";
import { readStatsCounters, toStatsCounters } from "@/lib/docker/stats-reader";
import { quietSimulator } from "./test-simulator";
import type { Simulator } from "./index";

let sim: Simulator;
beforeAll(async () => {
  sim = await quietSimulator({ engines: 1, containersPerEngine: 5, seed: 3 }, "wharf-sim-stats-");
});
afterAll(() => sim.stop());

it("answers one-shot stats whose counters grow between two readings", async () => {
  const host = { id: "sim-stats", url: sim.endpoints[0] };
  const running = sim.engines[0].state.containers.find((c) => c.state === "running")!;
  const a = await readStatsCounters(host, running.id);
  await new Promise((r) => setTimeout(r, 50));
  const b = await readStatsCounters(host, running.id);
  expect(a.memoryBytes).toBeGreaterThan(0);
  expect(b.cpuTotal).toBeGreaterThan(a.cpuTotal);
  expect(b.cpuSystem).toBeGreaterThan(a.cpuSystem);
  expect(b.netRx).toBeGreaterThanOrEqual(a.netRx);
  await expect(readStatsCounters(host, "nope")).rejects.toThrow(/404/);
});

it("reads the engine's document as `docker stats` does, and junk as zeros", () => {
  const doc = {
    cpu_stats: { cpu_usage: { total_usage: 5, percpu_usage: [2, 3] }, system_cpu_usage: 9 },
    memory_stats: { usage: 1000, stats: { inactive_file: 100 } },
    networks: { eth0: { rx_bytes: 7, tx_bytes: 8 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
    blkio_stats: {
      io_service_bytes_recursive: [
        { op: "Read", value: 4 },
        { op: "write", value: 6 },
      ],
    },
  };
  expect(toStatsCounters(doc)).toEqual({
    cpuTotal: 5,
    cpuSystem: 9,
    onlineCpus: 2,
    memoryBytes: 900,
    netRx: 8,
    netTx: 10,
    blkRead: 4,
    blkWrite: 6,
  });
  expect(
    toStatsCounters({ cpu_stats: "x", networks: [1], blkio_stats: { io_service_bytes_recursive: 3 } }),
  ).toMatchObject({
    cpuTotal: 0,
    memoryBytes: 0,
    netRx: 0,
  });
});
